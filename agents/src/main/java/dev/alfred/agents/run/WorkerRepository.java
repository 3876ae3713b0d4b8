package dev.alfred.agents.run;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;

/** The heartbeat rows of the processes that advance runs. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface WorkerRepository extends CrudRepository<Worker, String> {

    /** Records a beat; returns 1 when the process's row exists. */
    @Query("UPDATE workers SET heartbeat_at = :now WHERE id = :id")
    int beat(String id, Instant now);

    /** Forgets processes silent since {@code before}; returns how many. */
    @Query("DELETE FROM workers WHERE heartbeat_at < :before")
    int forgetSilentSince(Instant before);
}
