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
        timer.scheduleAtFixedRate(this::beat, 0, period, TimeUnit.MILLISECONDS);
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
