package dev.alfred.agents.schedule;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Firings taken, by their unique {@code (schedule_id, fire_at)}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ScheduleFiringRepository extends CrudRepository<ScheduleFiring, UUID> {

    /**
     * Takes a firing once. Safe under concurrency: of two inserts of the same pair, exactly one returns 1 (on
     * PostgreSQL the second waits for the first to commit).
     *
     * @return 1 if this caller took it, 0 if it was taken before
     */
    @Query("INSERT INTO schedule_firings (id, schedule_id, fire_at, outcome, run_id, detail, created_at) "
            + "VALUES (:id, :scheduleId, :fireAt, :outcome, NULL, :detail, :now) ON CONFLICT DO NOTHING")
    int takeOnce(UUID id, String scheduleId, Instant fireAt, String outcome, @Nullable String detail, Instant now);

    /** Notes the run a taken firing started. */
    @Query("UPDATE schedule_firings SET run_id = :runId WHERE schedule_id = :scheduleId AND fire_at = :fireAt")
    int started(String scheduleId, Instant fireAt, String runId);

    /** @return a schedule's firings, latest first */
    @Query("SELECT * FROM schedule_firings WHERE schedule_id = :scheduleId ORDER BY fire_at DESC")
    List<ScheduleFiring> findBySchedule(String scheduleId);

    /** Forgets a deleted schedule's firings. */
    @Query("DELETE FROM schedule_firings WHERE schedule_id = :scheduleId")
    int deleteBySchedule(String scheduleId);
}
