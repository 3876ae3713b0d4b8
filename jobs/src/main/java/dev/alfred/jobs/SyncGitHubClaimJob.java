package dev.alfred.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * Brings a claimed GitHub issue's labels in step with its run. Carries the run's id only.
 *
 * @param runId the run working the claimed issue
 */
public record SyncGitHubClaimJob(String runId) implements JobRequest {

    @Override
    public Class<SyncGitHubClaimJobHandler> getJobRequestHandler() {
        return SyncGitHubClaimJobHandler.class;
    }
}
