package dev.alfred.jobs;

import org.jobrunr.configuration.JobRunrConfiguration.JobRunrConfigurationResult;
import org.jobrunr.server.BackgroundJobServer;

/**
 * JobRunr as started in this process. Closing it stops the background job server and the dashboard, so a stopped
 * application context leaves no JobRunr threads behind.
 *
 * @param result what {@code JobRunr.configure()…initialize()} returned
 */
public record JobRunrRuntime(JobRunrConfigurationResult result) implements AutoCloseable {

    /** @return whether a background job server runs in this process and is processing jobs */
    public boolean isServerRunning() {
        BackgroundJobServer server = result.getBackgroundJobServer();
        return server != null && server.isRunning();
    }

    @Override
    public void close() {
        if (result.getBackgroundJobServer() != null) {
            result.getBackgroundJobServer().stop();
        }
        if (result.getDashboardWebServer() != null) {
            result.getDashboardWebServer().stop();
        }
    }
}
