package dev.alfred.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * A job request to advance one run as far as it can go. Carries the run id only; stored by JobRunr as JSON.
 *
 * @param runId the run to advance
 */
public record AdvanceRunJob(String runId) implements JobRequest {

    @Override
    public Class<AdvanceRunJobHandler> getJobRequestHandler() {
        return AdvanceRunJobHandler.class;
    }
}
