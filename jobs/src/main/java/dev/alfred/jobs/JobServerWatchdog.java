package dev.alfred.jobs;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jobrunr.server.BackgroundJobServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts this process's JobRunr background job server after it stopped itself. JobRunr shuts its server down when
 * it cannot reach its storage for a while ("An unrecoverable error occurred. Shutting down BackgroundJobServer"), so
 * without this a database outage would leave the replica serving HTTP but running no jobs and no recurring jobs
 * (including {@code sweep-stale-runs}, which resumes the runs the outage interrupted). Checks every
 * {@code alfred.jobs.watchdog-interval} (default 5 s); a start that fails (the database is still away) is tried
 * again at the next check.
 */
@Context
@Requires(property = "alfred.jobs.server-enabled", notEquals = "false")
public class JobServerWatchdog {
    private static final Logger LOG = LoggerFactory.getLogger(JobServerWatchdog.class);

    private final JobRunrRuntime jobRunr;
    private final Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "alfred-jobrunr-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closing;

    public JobServerWatchdog(JobRunrRuntime jobRunr,
            @Value("${alfred.jobs.watchdog-interval:5s}") Duration interval) {
        this.jobRunr = jobRunr;
        this.interval = interval;
    }

    @PostConstruct
    void start() {
        timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        BackgroundJobServer server = jobRunr.result().getBackgroundJobServer();
        if (closing || server == null || server.isRunning()) {
            return;
        }
        try {
            LOG.warn("the background job server is stopped; starting it again");
            server.start();
        } catch (RuntimeException e) {
            LOG.warn("could not restart the background job server ({}); trying again in {}", e.toString(), interval);
        }
    }

    @PreDestroy
    void stop() {
        closing = true;
        timer.shutdownNow();
    }
}
