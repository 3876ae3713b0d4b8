package dev.alfred.agents.loop;

import dev.alfred.agents.run.RunLeases;
import dev.alfred.agents.run.RunLookups;
import dev.alfred.agents.run.RunWaker;
import dev.alfred.agents.run.RunnerSettings;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's heartbeat: from start-up, every {@code alfred.runs.heartbeat-interval} (1 s) it beats in the
 * {@code workers} table and wakes the runs whose lease belongs to a process that stopped beating (killed or frozen
 * for {@code alfred.runs.worker-alive}, 3 s), so a crashed replica's runs resume within seconds, not when their lease
 * lapses. On a graceful stop it gives back every lease this process holds at once.
 *
 * <p>At start-up it also wakes, once, every run that should be moving and that no live lease holds: a run recorded
 * before its ack whose wake-up was to follow the ack (a slash command's task) is {@code QUEUED} with neither lease nor
 * job when the process dies in between, and would otherwise wait for the stale-run sweep ({@code
 * alfred.runs.stale-after} 30 s, every {@code alfred.runs.sweep-interval} 1 min). Waking is idempotent: the lease
 * admits one worker per run.
 */
@Singleton
public class WorkerHeartbeat {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerHeartbeat.class);

    private final RunLeases leases;
    private final RunLookups lookups;
    private final RunWaker waker;
    private final RunnerSettings settings;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "alfred-worker-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public WorkerHeartbeat(RunLeases leases, RunLookups lookups, RunWaker waker, RunnerSettings settings) {
        this.leases = leases;
        this.lookups = lookups;
        this.waker = waker;
        this.settings = settings;
    }

    /** Starts beating when the application starts. */
    @EventListener
    public void onStartup(StartupEvent event) {
        long period = Math.max(100, settings.getHeartbeatInterval().toMillis());
        timer.execute(this::wakeLeftovers);
        timer.scheduleAtFixedRate(this::beat, 0, period, TimeUnit.MILLISECONDS);
    }

    /** Wakes the runs left moving without a live lease by a process that stopped (see the class comment). */
    void wakeLeftovers() {
        try {
            for (String runId : lookups.staleRunIds(java.time.Duration.ZERO)) {
                LOG.info("run {} was left moving without a live lease; waking it", runId);
                waker.wake(runId);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not look for runs left moving ({}); the stale-run sweep finds them", e.toString());
        }
    }

    /** One beat: this process is alive; the runs of processes that are not are woken. */
    void beat() {
        try {
            leases.beat();
            for (String runId : lookups.orphaned()) {
                LOG.info("run {} was held by a process that stopped; waking it", runId);
                waker.wake(runId);
            }
        } catch (RuntimeException e) {
            LOG.warn("worker heartbeat failed ({}); trying again", e.toString());
        }
    }

    /** Stops beating and gives back this process's leases, so other processes take its runs at once. */
    @PreDestroy
    void stop() {
        timer.shutdownNow();
        try {
            int released = leases.retire();
            if (released > 0) {
                LOG.info("gave back the leases of {} run(s) on the way out", released);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not give back this process's leases ({}); they lapse by themselves", e.toString());
        }
    }
}
