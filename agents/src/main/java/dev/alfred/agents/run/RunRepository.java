package dev.alfred.agents.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;

/**
 * Runs. State changes are compare-and-set updates that return the number of rows changed (0 or 1), so two workers can
 * never both win the same transition.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RunRepository extends CrudRepository<Run, String> {
    /** The run's lease belongs to a process whose last beat is older than {@code :aliveSince}, or that is gone. */
    String DEAD_WORKER = "lease_worker IS NOT NULL AND NOT EXISTS (SELECT 1 FROM workers w "
            + "WHERE w.id = runs.lease_worker AND w.heartbeat_at >= :aliveSince)";

    /**
     * @return the root run whose thread this is, if any (sub-runs report in their root's thread); the newest when a
     *         conversation's thread holds several (a follow-up started after the first run ended)
     */
    @Query("SELECT * FROM runs WHERE channel_id = :channelId AND thread_ts = :threadTs AND parent_run_id IS NULL "
            + "ORDER BY created_at DESC, id DESC LIMIT 1")
    java.util.Optional<Run> findRootByThread(String channelId, String threadTs);

    /** @return the sub-runs a run started, oldest first */
    @Query("SELECT * FROM runs WHERE parent_run_id = :parentRunId ORDER BY created_at, id")
    java.util.List<Run> findChildren(String parentRunId);

    /** @return the sub-run that answers the parent's tool call, if it was started */
    @Query("SELECT * FROM runs WHERE parent_run_id = :parentRunId AND parent_call_id = :parentCallId")
    java.util.Optional<Run> findChild(String parentRunId, String parentCallId);

    /**
     * @return runs that should be moving but nobody holds: {@code QUEUED} or {@code RUNNING}, either held by a process
     *         that stopped beating since {@code aliveSince}, or with no live lease and unchanged since
     *         {@code quietSince}
     */
    @Query("SELECT * FROM runs WHERE status IN ('QUEUED', 'RUNNING') AND ((" + DEAD_WORKER + ") "
            + "OR ((lease_expires_at IS NULL OR lease_expires_at < :now) AND updated_at < :quietSince))")
    java.util.List<Run> findStale(Instant now, Instant quietSince, Instant aliveSince);

    /** @return ids of runs still moving whose lease belongs to a process that stopped beating since aliveSince */
    @Query("SELECT id FROM runs WHERE status IN ('QUEUED', 'RUNNING') AND " + DEAD_WORKER)
    java.util.List<String> findOrphaned(Instant aliveSince);

    /** Moves a run from one status to another if it is still in the first; returns 1 if it moved. */
    @Query("UPDATE runs SET status = :to, updated_at = :now, started_at = COALESCE(started_at, :now) "
            + "WHERE id = :id AND status = :from")
    int transition(String id, String from, String to, Instant now);

    /**
     * Claims the run for {@code owner} (of process {@code worker}) until {@code until} unless another live claim
     * exists: one that has not lapsed and whose process still beats. Returns 1 if claimed.
     */
    @Query("UPDATE runs SET lease_owner = :owner, lease_worker = :worker, lease_expires_at = :until "
            + "WHERE id = :id AND (lease_owner IS NULL OR lease_owner = :owner OR lease_expires_at < :now OR ("
            + DEAD_WORKER + "))")
    int acquireLease(String id, String owner, String worker, Instant until, Instant now, Instant aliveSince);

    /**
     * Gives up every claim of process {@code worker} (a graceful stop); returns how many. {@code lease_worker} is
     * kept: with the process's {@code workers} row gone, the run is {@link #findOrphaned orphaned} at the next beat
     * of any other process, which wakes it at once (cleared as well, nothing would wake it before the stale-run
     * sweep's {@code alfred.runs.stale-after}).
     */
    @Query("UPDATE runs SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_worker = :worker")
    int releaseAll(String worker);

    /** Gives up the claim if {@code owner} still holds it. */
    @Query("UPDATE runs SET lease_owner = NULL, lease_worker = NULL, lease_expires_at = NULL "
            + "WHERE id = :id AND lease_owner = :owner")
    int releaseLease(String id, String owner);

    @Query("UPDATE runs SET thread_ts = :threadTs, updated_at = :now WHERE id = :id")
    int updateThreadTs(String id, String threadTs, Instant now);

    @Query("UPDATE runs SET status_message_ts = :statusMessageTs, updated_at = :now WHERE id = :id")
    int updateStatusMessageTs(String id, @Nullable String statusMessageTs, Instant now);

    @Query("UPDATE runs SET step_count = :stepNo, updated_at = :now WHERE id = :id AND step_count < :stepNo")
    int advanceStepCount(String id, int stepNo, Instant now);

    /**
     * A step commit's write of the run, in one statement when {@code owner} holds the run's lease: the lease extended
     * to {@code until} (refused when another owner took it), the step count moved to {@code stepNo} if it was below it, with
     * {@code updated_at} ({@link #advanceStepCount}), and {@code costUsd} added to the run's spend ({@link #addSpend};
     * zero for a step that cost nothing). Every {@code SET} expression reads the row as it was, as SQL has it.
     *
     * @return 1 when {@code owner} held the lease (everything written), 0 when not (nothing written)
     */
    @Query("UPDATE runs SET lease_expires_at = :until, "
            + "updated_at = CASE WHEN step_count < :stepNo THEN :now ELSE updated_at END, "
            + "step_count = CASE WHEN step_count < :stepNo THEN :stepNo ELSE step_count END, "
            + "spend_usd = spend_usd + :costUsd WHERE id = :id AND lease_owner = :owner")
    int renewAndAdvance(String id, String owner, Instant until, int stepNo, Instant now,
            java.math.BigDecimal costUsd);

    /** Ends a run that has not ended yet; returns 1 if it had not.  */
    @Query("UPDATE runs SET status = :status, final_answer = :finalAnswer, failure_reason = :failureReason, "
            + "finished_at = :now, updated_at = :now "
            + "WHERE id = :id AND status NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED')")
    int finish(String id, String status, @Nullable String finalAnswer, @Nullable String failureReason, Instant now);

    /** Adds a model turn's cost to the run's spend. */
    @Query("UPDATE runs SET spend_usd = spend_usd + :costUsd WHERE id = :id")
    int addSpend(String id, java.math.BigDecimal costUsd);

    /** Adds an extension to the run's allowance. */
    @Query("UPDATE runs SET allowance_usd = allowance_usd + :amountUsd, updated_at = :now WHERE id = :id")
    int addAllowance(String id, java.math.BigDecimal amountUsd, Instant now);

    /** RUNNING → BLOCKED with its reason; returns 1 if it moved. */
    @Query("UPDATE runs SET status = 'BLOCKED', block_kind = :kind, block_reason = :reason, updated_at = :now "
            + "WHERE id = :id AND status = 'RUNNING'")
    int block(String id, String kind, String reason, Instant now);

    /** BLOCKED (for {@code kind}) → {@code to}, clearing the reason; returns 1 if it moved. */
    @Query("UPDATE runs SET status = :to, block_kind = NULL, block_reason = NULL, updated_at = :now "
            + "WHERE id = :id AND status = 'BLOCKED' AND block_kind = :kind")
    int unblock(String id, String kind, String to, Instant now);

    /** @return runs blocked for {@code kind}, oldest first */
    @Query("SELECT * FROM runs WHERE status = 'BLOCKED' AND block_kind = :kind ORDER BY created_at")
    java.util.List<Run> findBlocked(String kind);

    /** @return runs in one status, oldest first */
    @Query("SELECT * FROM runs WHERE status = :status ORDER BY created_at")
    java.util.List<Run> findByStatus(String status);

    /** @return how many runs are in each status that has any */
    @Query("SELECT status, COUNT(*) AS count FROM runs GROUP BY status")
    java.util.List<StatusCount> countByStatus();

    /**
     * One row of {@link #countByStatus()}.
     *
     * @param status a {@link RunStatus} name
     * @param count  runs in it
     */
    @io.micronaut.core.annotation.Introspected
    record StatusCount(String status, long count) {
    }
}
