package dev.alfred.agents.outbox;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;

/** Named messages. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MessageRefRepository extends CrudRepository<MessageRef, String> {

    /**
     * Names a message about to be posted. Safe under concurrency: of two inserts of the same name, exactly one
     * returns 1.
     *
     * @return 1 if the name is new, 0 if a message was posted (or enqueued) under it before
     */
    @Query("INSERT INTO message_refs (ref_key, channel_id, message_ts, created_at) VALUES (:refKey, :channelId, "
            + "NULL, :now) ON CONFLICT DO NOTHING")
    int recordOnce(String refKey, String channelId, Instant now);

    @Query("UPDATE message_refs SET message_ts = :messageTs WHERE ref_key = :refKey")
    int updateMessageTs(String refKey, String messageTs);
}
