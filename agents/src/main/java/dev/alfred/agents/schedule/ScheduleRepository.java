package dev.alfred.agents.schedule;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

/**
 * Schedules. Moves that replicas may race for are compare-and-set updates returning the rows changed (0 or 1).
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ScheduleRepository extends CrudRepository<Schedule, String> {

    /** @return active schedules whose next firing is at or before {@code now}, earliest first, at most {@code limit} */
    @Query("SELECT * FROM schedules WHERE status = 'ACTIVE' AND next_fire_at <= :now ORDER BY next_fire_at, id "
            + "LIMIT :limit")
    List<Schedule> findDue(Instant now, int limit);

    /** @return every schedule, oldest first */
    @Query("SELECT * FROM schedules ORDER BY created_at, id")
    List<Schedule> findAllInOrder();

    /** Moves an active schedule's next firing from {@code seen} to {@code next}; 1 if this caller moved it. */
    @Query("UPDATE schedules SET next_fire_at = :next, updated_at = :now "
            + "WHERE id = :id AND status = 'ACTIVE' AND next_fire_at = :seen")
    int advance(String id, Instant seen, @Nullable Instant next, Instant now);

    /** Notes the run a firing started (its outcome is not known yet). */
    @Query("UPDATE schedules SET last_run_id = :runId, last_outcome = NULL, updated_at = :now WHERE id = :id")
    int startedRun(String id, String runId, Instant now);

    /** Notes a firing that was skipped. */
    @Query("UPDATE schedules SET last_outcome = 'SKIPPED', updated_at = :now WHERE id = :id")
    int skipped(String id, Instant now);

    /**
     * Records how a schedule's run ended: a success resets the failure count, a failure adds one, a cancellation
     * leaves it.
     */
    @Query("UPDATE schedules SET last_outcome = :outcome, updated_at = :now, consecutive_failures = CASE "
            + "WHEN :outcome = 'SUCCEEDED' THEN 0 WHEN :outcome = 'FAILED' THEN consecutive_failures + 1 "
            + "ELSE consecutive_failures END "
            + "WHERE id = :id")
    int ended(String id, String outcome, Instant now);

    /** ACTIVE → PAUSED with its reason; 1 if it moved. */
    @Query("UPDATE schedules SET status = 'PAUSED', paused_reason = :reason, next_fire_at = NULL, updated_at = :now "
            + "WHERE id = :id AND status = 'ACTIVE'")
    int pause(String id, String reason, Instant now);

    /** PAUSED → ACTIVE, next firing {@code next}, failure count reset; 1 if it moved. */
    @Query("UPDATE schedules SET status = 'ACTIVE', paused_reason = NULL, next_fire_at = :next, "
            + "consecutive_failures = 0, updated_at = :now WHERE id = :id AND status = 'PAUSED'")
    int resume(String id, @Nullable Instant next, Instant now);
}
