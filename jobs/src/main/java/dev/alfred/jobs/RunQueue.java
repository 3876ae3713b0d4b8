package dev.alfred.jobs;

import dev.alfred.agents.loop.RunWorker;
import dev.alfred.agents.run.RunWaker;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets runs moving. Each call enqueues an {@link AdvanceRunJob} (durable: any replica's background job server runs
 * it, and JobRunr retries it) and also advances the run at once on a small local pool, because JobRunr's SQL
 * storage polls for new jobs every 5 s at the fastest. The run's lease keeps the two from working the run at the
 * same time: whichever comes second finds it claimed or finished and returns.
 *
 * <p>Enqueueing is not part of the caller's transaction: commit the run first, then call this.
 */
@Singleton
public class RunQueue implements RunWaker {
    private static final Logger LOG = LoggerFactory.getLogger(RunQueue.class);
    /**
     * Delay of the durable retry after a fast pickup fails: the job enqueued with it may already have found the run
     * claimed and finished, so the retry is scheduled anew. The runner's per-step attempt limit bounds the retries.
     */
    static final Duration RETRY_DELAY = Duration.ofSeconds(10);
    /**
     * Runs waiting for a fast-pickup thread, at most; one more is left to the job server alone. A waiting run costs
     * its id and a queue node (the array's 40 KB are allocated at once). With 256, a burst of 1,000 mentions (issue
     * 22's ack benchmark on H2, 2 of 10 runs) left runs to the job server that were still {@code QUEUED} 3 minutes
     * later, and the {@code sweep-stale-runs} job, which runs on the same server, did not wake them either. Its queue
     * held an {@link AdvanceRunJob} for every run of the benchmark (about 3,000); why it was that slow is not known
     * (alone, it finishes about 30 runs a second: 300 tasks with fast pickup off, 10 s from the first to the last).
     */
    static final int WAITING = 10_000;

    private final JobRequestScheduler scheduler;
    private final Provider<RunWorker> runner;
    private final ThreadPoolExecutor local;

    /**
     * @param threads local threads for fast pickup ({@code alfred.jobs.fast-pickup-threads}, default 4; 0 turns
     *                fast pickup off and leaves runs to the job server's poll)
     */
    public RunQueue(JobRequestScheduler scheduler, Provider<RunWorker> runner,
            @Value("${alfred.jobs.fast-pickup-threads:4}") int threads) {
        this.scheduler = scheduler;
        this.runner = runner;
        this.local = threads <= 0 ? null : fastPickup(threads);
    }

    /** @return the fast-pickup pool: {@code threads} background threads and at most {@link #WAITING} runs waiting */
    static ThreadPoolExecutor fastPickup(int threads) {
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WAITING),
                runnable -> BackgroundThreads.newThread(runnable, "alfred-fast-pickup"));
    }

    /** Enqueues an {@link AdvanceRunJob} for the run and starts advancing it here at once. */
    public void advance(String runId) {
        scheduler.enqueue(new AdvanceRunJob(runId));
        if (local == null) {
            return;
        }
        try {
            local.execute(() -> {
                try {
                    runner.get().advance(runId);
                } catch (RuntimeException e) {
                    LOG.warn("fast pickup of run {} stopped ({}); retrying it as a job in {} s", runId, e.toString(),
                            RETRY_DELAY.toSeconds());
                    scheduler.schedule(Instant.now().plus(RETRY_DELAY), new AdvanceRunJob(runId));
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("fast pickup is busy; run {} waits for the job server", runId);
        }
    }

    @Override
    public void wake(String runId) {
        advance(runId);
    }

    @PreDestroy
    void close() throws InterruptedException {
        if (local != null) {
            local.shutdownNow();
            local.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
