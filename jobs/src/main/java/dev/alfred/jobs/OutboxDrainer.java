package dev.alfred.jobs;

import dev.alfred.agents.outbox.Outbox;
import dev.alfred.agents.outbox.OutboxDeliveryException;
import dev.alfred.agents.outbox.OutboxMessage;
import dev.alfred.agents.outbox.OutboxTransport;
import dev.failsafe.RateLimiter;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox, on every replica: one thread finds due messages (when told something was enqueued, and every
 * {@code alfred.outbox.poll-interval} otherwise), claims each in the database, and hands it to a small pool.
 *
 * <p>Order: within a thread, a message is due only when no earlier message of the thread is pending, so messages
 * arrive in the order they were enqueued, across replicas. Status updates are the exception: only their latest
 * state matters, so they are coalesced, sent after the post they update, and held to
 * {@code alfred.outbox.updates-per-minute} (other updates, such as a decided approval card, follow people's clicks and
 * are not held back, so they never block their thread); nothing waits behind a status update, so its delivery does not
 * make the drainer look again (every other delivery does, for the next message of its thread), and a new status update
 * makes it look at once only while the budget has permits left (while it is spent, the drainer does not even read the
 * pending updates until it gets a permit again). Failures: {@code 429} waits for
 * {@code Retry-After} (and holds the whole channel on this replica for as long); 5xx, timeouts and I/O errors retry
 * with exponential back-off; an error a person must fix drops the message and audits the drop. Delivery is
 * at-least-once: a replica that dies after Slack accepted a message but before recording it leaves it to be sent
 * again when its claim lapses.
 */
@Context
@Requires(property = "alfred.outbox.enabled", notEquals = "false")
public class OutboxDrainer {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDrainer.class);
    private static final int BATCH = 100;
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final Outbox outbox;
    private final OutboxTransport transport;
    private final OutboxSettings settings;
    private final Clock clock;
    private final String owner = "outbox-" + UUID.randomUUID().toString().substring(0, 8);
    private final Semaphore signal = new Semaphore(0);
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> channelHeldUntil = new ConcurrentHashMap<>();
    private final RateLimiter<Object> updates;
    /**
     * Whether the last try for an update's permit failed: a new status update then waits for the next poll, and a
     * poll reads pending updates only once it got a permit.
     */
    private volatile boolean updatesSpent;
    private ExecutorService pool;
    private Thread loop;
    private volatile boolean running;
    private Instant lastPrune = Instant.EPOCH;

    public OutboxDrainer(Outbox outbox, OutboxTransport transport, OutboxSettings settings, Clock clock) {
        this.outbox = outbox;
        this.transport = transport;
        this.settings = settings;
        this.clock = clock;
        this.updates = RateLimiter.burstyBuilder(Math.max(1, settings.getUpdatesPerMinute()), Duration.ofMinutes(1))
                .build();
    }

    @PostConstruct
    void start() {
        running = true;
        pool = Executors.newFixedThreadPool(Math.max(1, settings.getThreads()),
                runnable -> BackgroundThreads.newThread(runnable, "alfred-outbox-delivery"));
        outbox.onEnqueued(this::kick);
        outbox.onStatusUpdated(() -> {
            if (!updatesSpent) {
                kick();
            }
        });
        loop = BackgroundThreads.newThread(this::run, "alfred-outbox");
        loop.start();
    }

    /** Makes the drainer look for due messages now instead of at its next poll. */
    public void kick() {
        signal.release();
    }

    private void run() {
        while (running) {
            try {
                drainOnce();
            } catch (RuntimeException e) {
                LOG.warn("outbox drainer could not read the outbox ({}); trying again", e.toString());
            }
            try {
                signal.tryAcquire(settings.getPollInterval().toMillis(), TimeUnit.MILLISECONDS);
                signal.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void drainOnce() {
        Instant now = clock.instant();
        if (now.isAfter(lastPrune.plus(PRUNE_EVERY))) {
            lastPrune = now;
            int pruned = outbox.pruneDelivered(settings.getKeepDelivered());
            LOG.debug("pruned {} delivered outbox message(s) older than {}", pruned, settings.getKeepDelivered());
        }
        for (OutboxMessage message : outbox.dueHeads(BATCH)) {
            if (!inFlight.contains(message.id()) && !held(message.channelId(), now)) {
                dispatch(message, now);
            }
        }
        // While the budget for status updates is spent, the pending updates are not read at all: one in-memory try
        // for a permit instead of reading up to BATCH rows, bodies included, at every poll and every kick. Under a
        // backlog of updates (more runs than the budget serves) that read was a fifth of all the memory the steps
        // benchmark allocated on PostgreSQL (JFR allocation samples, issue 22).
        boolean permitHeld = false;
        if (updatesSpent) {
            if (!updates.tryAcquirePermit()) {
                return;
            }
            permitHeld = true;
            updatesSpent = false;
        }
        for (OutboxMessage message : outbox.dueUpdates(BATCH)) {
            if (inFlight.contains(message.id()) || held(message.channelId(), now)) {
                continue;
            }
            if (!permitHeld && !updates.tryAcquirePermit()) {
                updatesSpent = true;
                return;
            }
            permitHeld = false;
            dispatch(message, now);
        }
    }

    /** Claims {@code message} and hands it to the delivery pool; nothing happens when another drainer holds it. */
    private void dispatch(OutboxMessage message, Instant now) {
        Optional<Outbox.Claimed> claimed = outbox.claimForDelivery(message.id(), owner,
                now.plus(settings.getClaimTimeout()));
        if (claimed.isEmpty()) {
            return;
        }
        inFlight.add(message.id());
        pool.execute(() -> {
            try {
                deliver(claimed.get());
            } finally {
                inFlight.remove(message.id());
                if (message.coalesceKey() == null) {
                    kick();
                }
            }
        });
    }

    private boolean held(String channelId, Instant now) {
        Instant until = channelHeldUntil.get(channelId);
        return until != null && until.isAfter(now);
    }

    private void deliver(Outbox.Claimed claimed) {
        OutboxMessage message = claimed.message();
        try {
            String messageTs = null;
            if (message.kind() == OutboxMessage.Kind.UPDATE) {
                messageTs = claimed.targetTs();
                if (messageTs == null) {
                    outbox.failed(message, owner, "the message to update was never posted");
                    return;
                }
            }
            String posted = transport.deliver(message, messageTs);
            outbox.delivered(message, owner, posted);
        } catch (OutboxDeliveryException e) {
            failedAttempt(message, e);
        } catch (RuntimeException e) {
            failedAttempt(message, new OutboxDeliveryException("io_error: " + e, false, null, e));
        }
    }

    private void failedAttempt(OutboxMessage message, OutboxDeliveryException e) {
        Instant now = clock.instant();
        try {
            if (e.permanent()) {
                LOG.warn("dropping outbox message {} of run {}: {}", message.id(), message.runId(), e.error());
                outbox.failed(message, owner, e.error());
            } else if (now.isAfter(message.createdAt().plus(settings.getGiveUpAfter()))) {
                LOG.warn("giving up on outbox message {} of run {} after {} attempts: {}", message.id(),
                        message.runId(), message.attempts(), e.error());
                outbox.failed(message, owner, "still failing after " + settings.getGiveUpAfter() + ": " + e.error());
            } else {
                Instant next = now.plus(e.retryAfter() != null ? e.retryAfter() : backoff(message.attempts()));
                if (e.retryAfter() != null) {
                    channelHeldUntil.merge(message.channelId(), next, (a, b) -> a.isAfter(b) ? a : b);
                }
                LOG.info("outbox message {} not delivered ({}); next attempt at {}", message.id(), e.error(), next);
                outbox.retryAt(message, owner, next, e.error());
            }
        } catch (RuntimeException recording) {
            LOG.warn("could not record the outcome of outbox message {} ({}); its claim will lapse",
                    message.id(), recording.toString());
        }
    }

    /** @return {@code initialBackoff × 2^(attempts-1)}, capped at {@code maxBackoff} */
    Duration backoff(int attempts) {
        Duration delay = settings.getInitialBackoff().multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return delay.compareTo(settings.getMaxBackoff()) > 0 ? settings.getMaxBackoff() : delay;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
        if (pool != null) {
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
