package dev.alfred.agents.outbox;

import dev.alfred.agents.redaction.Redaction;
import dev.alfred.agents.approvals.StagedActionRepository;
import dev.alfred.agents.audit.AuditLog;
import dev.alfred.agents.run.AfterCommit;
import dev.alfred.agents.run.RunRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox's transactions. Enqueueing joins the caller's transaction, so a message commits with the state it
 * reports (a run's final answer with the run's end) or not at all; delivery is the drainer's business.
 *
 * <p>Names given to posts ({@code status:<runId>}, {@code card:<actionId>}) are recorded once: enqueueing a post
 * under a name used before does nothing, which makes posting a card or a status message idempotent across retries
 * and replicas.
 */
@Singleton
public class Outbox {
    /** Name prefix of a run's status message. */
    public static final String STATUS_PREFIX = "status:";
    /** Name prefix of a staged action's approval card. */
    public static final String CARD_PREFIX = "card:";

    private final OutboxRepository messages;
    private final MessageRefRepository refs;
    private final RunRepository runs;
    private final StagedActionRepository actions;
    private final AuditLog audit;
    private final Clock clock;
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Runnable> updateListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final TransactionOperations<?> transactions;

    public Outbox(OutboxRepository messages, MessageRefRepository refs, RunRepository runs,
            StagedActionRepository actions, AuditLog audit, Clock clock, TransactionOperations<?> transactions) {
        this.transactions = transactions;
        this.messages = messages;
        this.refs = refs;
        this.runs = runs;
        this.actions = actions;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Registers a callback run once each enqueue has committed (the local drainer, to look at once rather than at its
     * next poll).
     */
    public void onEnqueued(Runnable listener) {
        listeners.add(listener);
    }

    /** Registers a callback run once each status update ({@link #postOrUpdateLatest}) has committed (the drainer). */
    public void onStatusUpdated(Runnable listener) {
        updateListeners.add(listener);
    }

    /**
     * Enqueues a new message in a thread, delivered after every message enqueued before it in that thread.
     *
     * @param refKey a name to post it under, or null; when the name was used before, nothing is enqueued
     * @return false when a message was enqueued under {@code refKey} before
     */
    @Transactional
    public boolean post(@Nullable String runId, String channelId, String threadTs, String body,
            @Nullable String refKey) {
        Instant now = clock.instant();
        if (refKey != null && refs.recordOnce(refKey, channelId, now) == 0) {
            return false;
        }
        messages.insert(runId, channelId, threadTs, OutboxMessage.Kind.POST.name(), refKey, null,
                Redaction.redactJson(body), now);
        notifyListeners();
        return true;
    }

    /** Enqueues an in-place update of the message named {@code refKey}, in order with the rest of the thread. */
    @Transactional
    public void update(@Nullable String runId, String channelId, String threadTs, String refKey, String body) {
        messages.insert(runId, channelId, threadTs, OutboxMessage.Kind.UPDATE.name(), refKey, null,
                Redaction.redactJson(body), clock.instant());
        notifyListeners();
    }

    /**
     * Enqueues a named message whose latest state is all that matters (a run's status message): its post the first
     * time the name is used ({@link #post}), an update of it after that, which replaces a pending update of the same
     * message instead of queueing behind it, so a slow or rate-limited receiver sees one call per message however
     * often the state changes. A pending update is looked for first, since one exists only once the name is taken:
     * while one waits, this is one statement. An update runs the {@link #onStatusUpdated} callbacks once committed
     * (not {@link #onEnqueued}'s): the drainer looks at once only while its budget for updates lasts, which spares a
     * step a read of the outbox when the update would wait anyway.
     */
    @Transactional
    public void postOrUpdateLatest(@Nullable String runId, String channelId, String threadTs, String refKey,
            String body) {
        Instant now = clock.instant();
        String redacted = Redaction.redactJson(body);
        if (messages.coalesce(refKey, redacted, now) > 0) {
            AfterCommit.run(transactions, () -> updateListeners.forEach(Runnable::run));
            return;
        }
        if (refs.recordOnce(refKey, channelId, now) == 1) {
            messages.insert(runId, channelId, threadTs, OutboxMessage.Kind.POST.name(), refKey, null, redacted, now);
            notifyListeners();
            return;
        }
        messages.insert(runId, channelId, threadTs, OutboxMessage.Kind.UPDATE.name(), refKey, refKey, redacted, now);
        AfterCommit.run(transactions, () -> updateListeners.forEach(Runnable::run));
    }

    /**
     * @return at most {@code limit} messages due for delivery now that head their threads (posts and updates that
     *         are not status updates), oldest first
     */
    @Transactional(readOnly = true)
    public List<OutboxMessage> dueHeads(int limit) {
        return messages.findDueHeads(clock.instant(), limit);
    }

    /**
     * @return at most {@code limit} status updates due now, the oldest pending one per message and only for messages
     *         already posted, oldest first
     */
    @Transactional(readOnly = true)
    public List<OutboxMessage> dueUpdates(int limit) {
        return messages.findDueUpdates(clock.instant(), limit);
    }

    /**
     * Claims a message for delivery by {@code owner} until {@code until}.
     *
     * @return the message as claimed (with its latest body), or empty when someone else holds it or it was delivered
     */
    @Transactional
    public Optional<OutboxMessage> claim(long id, String owner, Instant until) {
        if (messages.claim(id, owner, until, clock.instant()) != 1) {
            return Optional.empty();
        }
        return messages.findById(id);
    }

    /**
     * Claims a message for delivery as {@link #claim} does and, in the same transaction, reads the {@code ts} of the
     * message an update edits ({@link #messageTs}): one round trip fewer per delivered update.
     *
     * @return the message as claimed with its target's {@code ts} (null for a post, or when the target was never
     *     posted); empty when someone else holds it or it was delivered
     */
    @Transactional
    public Optional<Claimed> claimForDelivery(long id, String owner, Instant until) {
        return claim(id, owner, until).map(message -> new Claimed(message,
                message.kind() == OutboxMessage.Kind.UPDATE ? messageTs(message.refKey()).orElse(null) : null));
    }

    /**
     * A message claimed for delivery ({@link #claimForDelivery}).
     *
     * @param targetTs for an update, the {@code ts} of the message it edits, or null when that was never posted
     */
    public record Claimed(OutboxMessage message, @Nullable String targetTs) {
    }

    /** @return whether a post was enqueued under {@code refKey} */
    @Transactional(readOnly = true)
    public boolean named(String refKey) {
        return refs.existsById(refKey);
    }

    /** @return the {@code ts} of the message named {@code refKey}, once its post was delivered */
    @Transactional(readOnly = true)
    public Optional<String> messageTs(String refKey) {
        return refs.findById(refKey).map(MessageRef::messageTs);
    }

    /**
     * Records a delivery; for a named post, stores its {@code ts} (and on the run or staged action it names).
     *
     * <p>The run's (or staged action's) row is written before the name's: a runner holding the run's row (ending it,
     * say) enqueues its status update under the same name, so the opposite order deadlocks on PostgreSQL when a
     * status post is delivered just as its run ends.
     *
     * @return false when {@code owner} no longer held the claim (another drainer took over)
     */
    @Transactional
    public boolean delivered(OutboxMessage message, String owner, @Nullable String messageTs) {
        if (messages.markDelivered(message.id(), owner, clock.instant()) != 1) {
            return false;
        }
        String ref = message.refKey();
        if (message.kind() == OutboxMessage.Kind.POST && ref != null && messageTs != null) {
            if (ref.startsWith(CARD_PREFIX)) {
                actions.updateCardMessageTs(ref.substring(CARD_PREFIX.length()), messageTs);
            } else if (ref.startsWith(STATUS_PREFIX)) {
                runs.updateStatusMessageTs(ref.substring(STATUS_PREFIX.length()), messageTs, clock.instant());
            }
            refs.updateMessageTs(ref, messageTs);
        }
        return true;
    }

    /** Gives the claim back and schedules the next attempt. */
    @Transactional
    public void retryAt(OutboxMessage message, String owner, Instant notBefore, String error) {
        messages.retryAt(message.id(), owner, notBefore, error);
    }

    /**
     * Drops a message that cannot be delivered (and the pending updates of it, when it was a named post), and
     * records {@code outbox.undelivered} in the run's audit log so the drop is visible.
     */
    @Transactional
    public void failed(OutboxMessage message, String owner, String error) {
        if (messages.markFailed(message.id(), owner, error) != 1) {
            return;
        }
        if (message.kind() == OutboxMessage.Kind.POST && message.refKey() != null) {
            messages.failUpdatesOf(message.refKey(), "the message it updates was never posted: " + error);
        }
        audit.record(message.runId(), "outbox.undelivered", null, null, "a " + message.kind().name().toLowerCase(
                java.util.Locale.ROOT) + " in thread " + message.threadTs() + " could not be delivered: " + error,
                Map.of("messageId", message.id(), "channelId", message.channelId(), "error", error,
                        "attempts", message.attempts()));
    }

    /**
     * Deletes delivered messages older than {@code keep} (failed ones stay, for the record).
     *
     * @return how many were deleted
     */
    @Transactional
    public int pruneDelivered(java.time.Duration keep) {
        return messages.deleteDeliveredBefore(clock.instant().minus(keep));
    }

    /** @return messages of the run not delivered yet */
    @Transactional(readOnly = true)
    public long pending(String runId) {
        return messages.countPendingOfRun(runId);
    }

    /** @return messages not delivered yet, across all runs */
    @Transactional(readOnly = true)
    public long pending() {
        return messages.countPending();
    }

    /** @return every message of the run, in outbox order */
    @Transactional(readOnly = true)
    public List<OutboxMessage> ofRun(String runId) {
        return messages.findByRunIdOrderById(runId);
    }

    private void notifyListeners() {
        AfterCommit.run(transactions, () -> listeners.forEach(Runnable::run));
    }
}
