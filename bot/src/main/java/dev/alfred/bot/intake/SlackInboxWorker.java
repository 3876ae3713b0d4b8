package dev.alfred.bot.intake;

import dev.alfred.agents.schema.Databases;
import dev.alfred.jobs.BackgroundThreads;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work done right after a Slack request's ack. {@link SlackInbox} entries are woken in-process right after the request
 * is recorded ({@link #submit}), and swept every {@code alfred.slack.inbox-sweep} (1 s) for entries whose claim is
 * older than {@code alfred.slack.inbox-claim} (10 s): those a crashed or stopped process recorded but did not finish,
 * so nothing acknowledged is dropped.
 *
 * <p>Work runs on {@code alfred.slack.inbox-lanes} (4) single-thread lanes; an entry's lane is chosen by its
 * {@link SlackInbox.Entry#lane()} (a thread or a channel), so the requests of one thread are processed one at a time
 * in the order they were recorded, as when they were processed before the ack. The lanes are
 * {@link BackgroundThreads}, below the threads that acknowledge requests. {@link #afterAck} runs other work
 * on the same lanes (a new run's root message and enqueue), whose durability its caller ensured before the ack.
 */
@Singleton
public class SlackInboxWorker {
    /** How long processed entries are kept to de-duplicate retries: Slack retries within the hour. */
    static final Duration KEEP = Duration.ofHours(2);
    private static final Logger LOG = LoggerFactory.getLogger(SlackInboxWorker.class);

    private final SlackInbox inbox;
    private final BeanProvider<InboxHandler> handlers;
    private final Clock clock;
    private final Duration claim;
    private final ExecutorService[] lanes;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile long sweeps;

    /**
     * @param lanes number of lanes ({@code alfred.slack.inbox-lanes}, default 4)
     * @param claim age after which an unprocessed entry is taken over ({@code alfred.slack.inbox-claim}, 10 s)
     */
    public SlackInboxWorker(SlackInbox inbox, BeanProvider<InboxHandler> handlers, Clock clock,
            @Value("${alfred.slack.inbox-lanes:4}") int lanes,
            @Value("${alfred.slack.inbox-claim:10s}") Duration claim) {
        this.inbox = inbox;
        this.handlers = handlers;
        this.clock = clock;
        this.claim = claim;
        this.lanes = new ExecutorService[Math.max(1, lanes)];
        for (int i = 0; i < this.lanes.length; i++) {
            this.lanes[i] = Executors.newSingleThreadExecutor(
                    work -> BackgroundThreads.newThread(work, "alfred-after-ack"));
        }
    }

    /** Processes a just-recorded entry soon, on its lane; if the lane refuses, the sweep takes it later. */
    public void submit(SlackInbox.Entry entry) {
        submit(entry, false);
    }

    /**
     * @param swept whether the sweep claimed the entry: then its lane first checks that it is still unprocessed, since
     *              the claim and the sweep's look at {@code inFlight} are not one step: this process's lane may have
     *              finished the entry in between (issue 22, seen under load in the ack benchmark), and a request
     *              must not be handled twice
     */
    private void submit(SlackInbox.Entry entry, boolean swept) {
        if (!inFlight.add(entry.deliveryKey())) {
            return;
        }
        try {
            lanes[Math.floorMod(entry.lane().hashCode(), lanes.length)].execute(() -> {
                if (swept && alreadyProcessed(entry)) {
                    inFlight.remove(entry.deliveryKey());
                    return;
                }
                process(entry);
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(entry.deliveryKey());
            LOG.debug("entry {} left to the sweep: {}", entry.deliveryKey(), e.toString());
        }
    }

    /**
     * Runs {@code work} soon on {@code lane}'s thread; work that throws is logged. When the lanes refuse (they are
     * shutting down), the work is dropped: callers give it only what a sweep would redo (e.g. a recorded run's
     * wake-up, which the stale-run sweep redoes).
     */
    public void afterAck(String lane, Runnable work) {
        try {
            lanes[Math.floorMod(lane.hashCode(), lanes.length)].execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("work after a Slack request's ack failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("work after a Slack request's ack refused ({}); left to the sweeps", e.toString());
        }
    }

    /** Takes over entries whose claim went stale (their process died); forgets old processed ones now and then. */
    @Scheduled(fixedDelay = "${alfred.slack.inbox-sweep:1s}", initialDelay = "1s")
    void sweep() {
        try {
            for (SlackInbox.Entry entry : inbox.claimStale(claim, 100)) {
                if (!inFlight.contains(entry.deliveryKey())) {
                    submit(entry, true);
                }
            }
            if (sweeps++ % 3600 == 0) {
                inbox.forget(clock.instant().minus(KEEP));
            }
        } catch (RuntimeException e) {
            LOG.warn("Slack inbox sweep failed: {}", e.toString());
        }
    }

    /**
     * @return whether a swept entry turned out processed after all (logged either way); a database failure counts as
     *     not processed, and {@link #process} meets it again
     */
    private boolean alreadyProcessed(SlackInbox.Entry entry) {
        try {
            if (inbox.isProcessed(entry.deliveryKey())) {
                LOG.debug("Slack request {} was processed while the sweep claimed it; left alone", entry.deliveryKey());
                return true;
            }
        } catch (RuntimeException e) {
            LOG.debug("could not check whether {} was processed: {}", entry.deliveryKey(), e.toString());
        }
        LOG.info("processing Slack request {} recorded but not processed before", entry.deliveryKey());
        return false;
    }

    private void process(SlackInbox.Entry entry) {
        try {
            InboxHandler handler = handlers.stream().filter(candidate -> candidate.kind().equals(entry.kind()))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no handler for " + entry.kind()));
            handler.process(entry);
            inbox.processed(entry.deliveryKey());
        } catch (Exception e) {
            if (Databases.isDatabaseFailure(e)) {
                LOG.warn("Slack request {} not processed, the database failed; the sweep tries again: {}",
                        entry.deliveryKey(), e.toString());
                return;
            }
            LOG.error("Slack request {} failed after its ack; not retried, as a retry would fail the same way",
                    entry.deliveryKey(), e);
            markProcessed(entry);
        } finally {
            inFlight.remove(entry.deliveryKey());
        }
    }

    private void markProcessed(SlackInbox.Entry entry) {
        try {
            inbox.processed(entry.deliveryKey());
        } catch (RuntimeException e) {
            LOG.warn("could not mark {} processed: {}", entry.deliveryKey(), e.toString());
        }
    }

    /** Lets queued work finish for up to 5 s; what is left is swept by the next process. */
    @PreDestroy
    void close() throws InterruptedException {
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
        for (ExecutorService lane : lanes) {
            lane.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
