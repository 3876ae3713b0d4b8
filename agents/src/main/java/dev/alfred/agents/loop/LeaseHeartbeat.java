package dev.alfred.agents.loop;

import dev.alfred.agents.run.RunLeases;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews a run's lease while its worker holds it, every third of the lease duration, so a step longer than the
 * lease (a slow model call, a long tool call) does not let another worker take the run; a worker that dies stops
 * renewing, and the lease lapses within one lease duration. A renewal that finds another worker holding the lease
 * only logs it: the runner re-checks its lease at every step boundary and stops there.
 */
final class LeaseHeartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseHeartbeat.class);

    private final ScheduledFuture<?> renewal;

    private LeaseHeartbeat(ScheduledExecutorService timer, RunLeases store, String runId, String owner,
            Duration lease, Clock clock) {
        long period = Math.max(1, lease.toMillis() / 3);
        this.renewal = timer.scheduleAtFixedRate(() -> {
            try {
                if (!store.renew(runId, owner, clock.instant().plus(lease))) {
                    LOG.warn("run {} lease was taken by another worker while {} held it", runId, owner);
                }
            } catch (RuntimeException e) {
                LOG.warn("could not renew the lease of run {} ({}); trying again in {} ms", runId, e.toString(),
                        period);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** Starts renewing {@code owner}'s lease on the run, which it must hold already. */
    static LeaseHeartbeat start(ScheduledExecutorService timer, RunLeases store, String runId, String owner,
            Duration lease, Clock clock) {
        return new LeaseHeartbeat(timer, store, runId, owner, lease, clock);
    }

    @Override
    public void close() {
        renewal.cancel(false);
    }
}
