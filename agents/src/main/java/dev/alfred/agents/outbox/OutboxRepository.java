package dev.alfred.agents.outbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

/** Outbox messages. Claims and outcomes are compare-and-set updates returning the rows changed (0 or 1). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OutboxRepository extends CrudRepository<OutboxMessage, Long> {

    @Query("INSERT INTO outbox_messages (run_id, channel_id, thread_ts, kind, ref_key, coalesce_key, body, status, "
            + "attempts, not_before, created_at) VALUES (:runId, :channelId, :threadTs, :kind, :refKey, "
            + ":coalesceKey, :body, 'PENDING', 0, :now, :now)")
    int insert(@Nullable String runId, String channelId, String threadTs, String kind, @Nullable String refKey,
            @Nullable String coalesceKey, String body, Instant now);

    /** Replaces the body of the pending, unclaimed update with this coalesce key; 0 when there is none. */
    @Query("UPDATE outbox_messages SET body = :body WHERE coalesce_key = :coalesceKey AND status = 'PENDING' "
            + "AND (claimed_until IS NULL OR claimed_until < :now)")
    int coalesce(String coalesceKey, String body, Instant now);

    /**
     * @return ordered messages due now that head their thread: no earlier pending ordered message in the same
     *         thread, not claimed by a live drainer
     */
    @Query("SELECT o.* FROM outbox_messages o WHERE o.status = 'PENDING' AND o.coalesce_key IS NULL "
            + "AND o.not_before <= :now AND (o.claimed_until IS NULL OR o.claimed_until < :now) "
            + "AND NOT EXISTS (SELECT 1 FROM outbox_messages p WHERE p.status = 'PENDING' "
            + "AND p.coalesce_key IS NULL AND p.channel_id = o.channel_id AND p.thread_ts = o.thread_ts "
            + "AND p.id < o.id) ORDER BY o.id LIMIT :limit")
    List<OutboxMessage> findDueHeads(Instant now, int limit);

    /**
     * @return coalescable updates due now whose message has been posted, the oldest pending one per key, not
     *         claimed by a live drainer
     */
    @Query("SELECT o.* FROM outbox_messages o WHERE o.status = 'PENDING' AND o.coalesce_key IS NOT NULL "
            + "AND o.not_before <= :now AND (o.claimed_until IS NULL OR o.claimed_until < :now) "
            + "AND EXISTS (SELECT 1 FROM message_refs r WHERE r.ref_key = o.ref_key AND r.message_ts IS NOT NULL) "
            + "AND NOT EXISTS (SELECT 1 FROM outbox_messages p WHERE p.status = 'PENDING' "
            + "AND p.coalesce_key = o.coalesce_key AND p.id < o.id) ORDER BY o.id LIMIT :limit")
    List<OutboxMessage> findDueUpdates(Instant now, int limit);

    @Query("UPDATE outbox_messages SET claimed_by = :owner, claimed_until = :until, attempts = attempts + 1 "
            + "WHERE id = :id AND status = 'PENDING' AND (claimed_until IS NULL OR claimed_until < :now)")
    int claim(Long id, String owner, Instant until, Instant now);

    @Query("UPDATE outbox_messages SET status = 'DELIVERED', delivered_at = :now, claimed_by = NULL, "
            + "claimed_until = NULL WHERE id = :id AND claimed_by = :owner")
    int markDelivered(Long id, String owner, Instant now);

    @Query("UPDATE outbox_messages SET not_before = :notBefore, last_error = :error, claimed_by = NULL, "
            + "claimed_until = NULL WHERE id = :id AND claimed_by = :owner")
    int retryAt(Long id, String owner, Instant notBefore, String error);

    @Query("UPDATE outbox_messages SET status = 'FAILED', last_error = :error, claimed_by = NULL, "
            + "claimed_until = NULL WHERE id = :id AND claimed_by = :owner")
    int markFailed(Long id, String owner, String error);

    /** Fails the pending updates of a message whose post failed for good: there is nothing to update. */
    @Query("UPDATE outbox_messages SET status = 'FAILED', last_error = :error WHERE ref_key = :refKey "
            + "AND kind = 'UPDATE' AND status = 'PENDING'")
    int failUpdatesOf(String refKey, String error);

    @Query("SELECT COUNT(*) FROM outbox_messages WHERE run_id = :runId AND status = 'PENDING'")
    long countPendingOfRun(String runId);

    @Query("SELECT COUNT(*) FROM outbox_messages WHERE status = 'PENDING'")
    long countPending();

    List<OutboxMessage> findByRunIdOrderById(String runId);

    @Query("DELETE FROM outbox_messages WHERE status = 'DELIVERED' AND delivered_at < :before")
    int deleteDeliveredBefore(Instant before);
}
