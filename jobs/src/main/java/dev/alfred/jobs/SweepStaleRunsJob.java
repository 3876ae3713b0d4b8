package dev.alfred.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * The recurring job {@code sweep-stale-runs}: wakes runs that should be moving but that no worker holds (a worker
 * died mid-run and its lease lapsed, or a wake-up was lost). Carries nothing.
 */
public record SweepStaleRunsJob() implements JobRequest {
    /** The recurring job's id. */
    public static final String ID = "sweep-stale-runs";

    @Override
    public Class<SweepStaleRunsJobHandler> getJobRequestHandler() {
        return SweepStaleRunsJobHandler.class;
    }
}
