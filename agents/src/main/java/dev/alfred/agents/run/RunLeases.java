package dev.alfred.agents.run;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Run leases: a worker claims a run until a time and renews the claim while it works ({@code loop.RunWorker}). A
 * claim is live while it has not lapsed and the process that holds it still beats in the {@code workers} table
 * ({@link #beat}); a killed or frozen process's runs are free within {@code alfred.runs.worker-alive} (3 s). Every
 * step commit on a worker's thread is fenced by its lease ({@link #fenceAndAdvance}): a worker that lost the run while it was
 * frozen cannot commit, so two processes never advance one run.
 */
@Singleton
public class RunLeases {
    /** The lease the current thread's worker holds, if any: the fence for commits on this thread. */
    private static final ThreadLocal<Held> HELD = new ThreadLocal<>();

    private final RunRepository runs;
    private final WorkerRepository workers;
    private final RunnerSettings settings;
    private final Clock clock;
    private final String worker;

    public RunLeases(RunRepository runs, WorkerRepository workers, RunnerSettings settings, Clock clock) {
        this.runs = runs;
        this.workers = workers;
        this.settings = settings;
        this.clock = clock;
        this.worker = settings.getWorkerId() != null && !settings.getWorkerId().isBlank() ? settings.getWorkerId()
                : "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A claim this thread holds: the run, the owner, and when it was last extended. */
    private record Held(String runId, String owner, Instant renewedAt) {
    }

    /** @return this process's id, the prefix of its lease owners and its row in {@code workers} */
    public String worker() {
        return worker;
    }

    /**
     * Claims the run for {@code owner} until {@code until}; on success the current thread holds it (see
     * {@link #fenceAndAdvance}) until {@link #releaseLease}.
     *
     * @return false when another live worker holds it
     */
    @Transactional
    public boolean acquireLease(String runId, String owner, Instant until) {
        Instant now = clock.instant();
        boolean won = runs.acquireLease(runId, owner, worker, until, now, now.minus(settings.getWorkerAlive())) == 1;
        if (won) {
            HELD.set(new Held(runId, owner, now));
        } else if (HELD.get() != null && HELD.get().runId().equals(runId)) {
            HELD.remove();
        }
        return won;
    }

    /**
     * Extends a claim from another thread than the worker's (the lease heartbeat of a long step).
     *
     * @return false when another live worker holds it now
     */
    @Transactional
    public boolean renew(String runId, String owner, Instant until) {
        Instant now = clock.instant();
        return runs.acquireLease(runId, owner, worker, until, now, now.minus(settings.getWorkerAlive())) == 1;
    }

    /** Gives the claim back; the current thread no longer holds it. */
    @Transactional
    public void releaseLease(String runId, String owner) {
        runs.releaseLease(runId, owner);
        HELD.remove();
    }

    /**
     * @return whether the current thread's claim on the run was extended within {@code within} (by a claim or a
     *         fenced commit), so the worker need not renew it again
     */
    public boolean renewedWithin(String runId, java.time.Duration within) {
        Held held = HELD.get();
        return held != null && held.runId().equals(runId) && held.renewedAt().plus(within).isAfter(clock.instant());
    }

    /**
     * The fence of a step commit, called inside the commit's transaction, with the rest of the commit's write of the
     * run, in one statement when the current thread's worker holds the run ({@link RunRepository#renewAndAdvance}):
     * the lease extended (if it has been taken meanwhile the commit is refused), the step count advanced to
     * {@code stepNo}, {@code costUsd} added to the run's own spend. Outside a worker (a person's reply, a decision)
     * the step count and spend are written without a fence.
     *
     * @param costUsd the step's cost in US dollars, added to this run's spend only (not its parents')
     * @throws LeaseLostException when this worker no longer holds the run; the transaction rolls back
     */
    public void fenceAndAdvance(String runId, int stepNo, Instant now, java.math.BigDecimal costUsd) {
        Held held = HELD.get();
        if (held == null || !held.runId().equals(runId)) {
            runs.advanceStepCount(runId, stepNo, now);
            if (costUsd.signum() != 0) {
                runs.addSpend(runId, costUsd);
            }
            return;
        }
        if (runs.renewAndAdvance(runId, held.owner(), now.plus(settings.getLeaseDuration()), stepNo, now,
                costUsd) != 1) {
            HELD.remove();
            throw new LeaseLostException(runId, held.owner());
        }
        HELD.set(new Held(runId, held.owner(), now));
    }

    /** Records this process's beat (its row is created on the first one). */
    @Transactional
    public void beat() {
        Instant now = clock.instant();
        if (workers.beat(worker, now) == 0) {
            workers.save(new Worker(worker, now, now));
        }
    }

    /**
     * A graceful stop: this process's row goes and every claim it holds is given back at once, so other processes
     * take its runs without waiting. Processes silent for a day are forgotten too.
     *
     * @return how many claims were given back
     */
    @Transactional
    public int retire() {
        workers.deleteById(worker);
        workers.forgetSilentSince(clock.instant().minus(java.time.Duration.ofDays(1)));
        return runs.releaseAll(worker);
    }

    /** Thrown by {@link #fenceAndAdvance} when the worker's lease was taken: another process advances the run now. */
    public static final class LeaseLostException extends RuntimeException {
        LeaseLostException(String runId, String owner) {
            super("lease of run " + runId + " held by " + owner + " was taken by another worker");
        }
    }
}
