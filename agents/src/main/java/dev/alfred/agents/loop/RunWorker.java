package dev.alfred.agents.loop;

import dev.alfred.agents.run.RunLeases;
import dev.alfred.agents.report.Report;
import dev.alfred.agents.report.RunReporter;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.RunnerSettings;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advances a run as far as it can go now: the runtime owns the loop, never the model. The worker takes the run's
 * lease (renewed by a heartbeat while it works), then, step by step: loads the run's {@link Situation}, lets
 * {@link StepPlanner} decide the next step and, on the hot path, begins it, in one transaction ({@link StepStarts}),
 * and has that step's class take it ({@link Steps}). Every step is
 * committed before the next begins, so a worker that dies mid-step leaves the attempt {@code STARTED} and the retry
 * rebuilds everything from the committed transcript with the next attempt number. The loop ends when the run parks or
 * ends (each in a visible state), or when the worker loses its lease.
 */
@Singleton
public class RunWorker {
    private static final Logger LOG = LoggerFactory.getLogger(RunWorker.class);
    /**
     * Rounds one {@link #advance} call takes at most: a reply or decision that unparks the run while this worker
     * still holds its lease cannot wake anyone else (they find the lease taken), so this worker looks again.
     */
    private static final int MAX_ROUNDS = 3;

    private final RunStore store;
    private final StepStarts starts;
    private final Steps steps;
    private final RunReporter reporter;
    private final RunnerSettings settings;
    private final Clock clock;
    /** This process's prefix for lease owners; each {@link #advance} call adds its own suffix. */
    private final String processId;
    private final RunLeases leases;
    /** Renews the leases of the runs this process is advancing. */
    private final ScheduledExecutorService leaseTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "alfred-lease-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public RunWorker(RunStore store, StepStarts starts, Steps steps, RunReporter reporter,
            RunnerSettings settings, Clock clock, RunLeases leases) {
        this.leases = leases;
        this.store = store;
        this.starts = starts;
        this.steps = steps;
        this.reporter = reporter;
        this.settings = settings;
        this.clock = clock;
        this.processId = leases.worker();
    }

    @PreDestroy
    void close() {
        leaseTimer.shutdownNow();
    }

    /**
     * Advances the run until it ends or parks. Idempotent: a run that is missing, not advanceable, or claimed by
     * another live worker is left alone. Lines logged meanwhile on this thread carry the run in their MDC
     * ({@link RunLogContext}).
     *
     * @param runId the run's id
     * @throws TransientStepException when a step failed for a reason that may pass; retry the call later
     */
    public void advance(String runId) {
        try (RunLogContext logContext = RunLogContext.open(runId)) {
            for (int round = 0; round < MAX_ROUNDS && advanceOnce(runId); round++) {
                LOG.debug("run {} was unparked while this worker held it; taking it up again", runId);
            }
        }
    }

    /** @return true when the run was unparked ({@code QUEUED}) while this worker held its lease */
    private boolean advanceOnce(String runId) {
        String owner = processId + "-" + UUID.randomUUID().toString().substring(0, 8);
        Optional<Run> taken = take(runId, owner);
        if (taken.isEmpty()) {
            return false;
        }
        boolean[] requeued = {false};
        try (LeaseHeartbeat heartbeat = LeaseHeartbeat.start(leaseTimer, leases, runId, owner,
                settings.getLeaseDuration(), clock)) {
            openThread(taken.get());
            loop(runId, owner);
        } catch (RunLeases.LeaseLostException e) {
            LOG.warn("{}; this worker stops here", e.getMessage());
            leases.releaseLease(runId, owner);
            return false;
        } catch (RuntimeException | Error e) {
            leases.releaseLease(runId, owner);
            throw e;
        }
        store.atomically(() -> {
            leases.releaseLease(runId, owner);
            requeued[0] = store.find(runId).map(run -> run.status() == RunStatus.QUEUED).orElse(false);
        });
        return requeued[0];
    }

    /**
     * Takes the run for {@code owner} in one transaction: an advanceable run's lease is claimed and the run moved
     * from {@code QUEUED} to {@code RUNNING}.
     *
     * @return the run as taken; empty when it is missing, not advanceable, or claimed by another live worker
     */
    private Optional<Run> take(String runId, String owner) {
        List<Run> taken = new ArrayList<>(1);
        store.atomically(() -> {
            Optional<Run> found = store.find(runId);
            if (found.isEmpty() || !found.get().status().isAdvanceable()) {
                LOG.debug("run {} is not advanceable now: {}", runId, found.map(Run::status).orElse(null));
                return;
            }
            if (!leases.acquireLease(runId, owner, leaseUntil())) {
                LOG.debug("run {} is being advanced by another worker", runId);
                return;
            }
            store.transition(runId, RunStatus.QUEUED, RunStatus.RUNNING);
            taken.add(store.find(runId).orElseThrow());
        });
        return taken.stream().findFirst();
    }

    private void openThread(Run run) {
        if (run.threadTs() == null) {
            store.setThreadTs(run.id(), reporter.openThread(run));
        }
    }

    private void loop(String runId, String owner) {
        while (true) {
            Optional<NextStep> next = starts.next(runId);
            if (next.isEmpty()) {
                return;
            }
            RunLogContext.describe(next.get().now().run());
            if (steps.take(next.get())) {
                return;
            }
            if (!leases.renewedWithin(runId, settings.getLeaseDuration().dividedBy(3))
                    && !leases.acquireLease(runId, owner, leaseUntil())) {
                LOG.warn("run {} lost its lease to another worker; stopping here", runId);
                return;
            }
        }
    }

    private Instant leaseUntil() {
        return clock.instant().plus(settings.getLeaseDuration());
    }
}
