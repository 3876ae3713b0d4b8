package dev.alfred.agents.fleet;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;

/** Provider blocks. Setting a block twice keeps the later end; lifting deletes blocks that are due. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProviderBlockRepository extends CrudRepository<ProviderBlock, String> {

    /** @return 1 when a block of that scope existed and now lasts until the later of its end and {@code until} */
    @Query("UPDATE provider_blocks SET blocked_until = GREATEST(blocked_until, :until), reason = :reason, "
            + "set_at = :now WHERE scope = :scope")
    int extend(String scope, String reason, Instant until, Instant now);

    /** @return 1 when the block is new, 0 when another replica set it first */
    @Query("INSERT INTO provider_blocks (scope, reason, blocked_until, set_at) VALUES (:scope, :reason, :until, :now) "
            + "ON CONFLICT DO NOTHING")
    int insert(String scope, String reason, Instant until, Instant now);

    /** @return how many blocks ended at or before {@code now} and were deleted */
    @Query("DELETE FROM provider_blocks WHERE blocked_until <= :now")
    int deleteDue(Instant now);
}
