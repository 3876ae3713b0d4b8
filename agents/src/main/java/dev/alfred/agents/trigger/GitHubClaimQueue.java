package dev.alfred.agents.trigger;

/**
 * Gets a claim's labels in step with its run, outside the transaction that changed the run (the GitHub REST API is
 * slow and may fail). Implemented with a background job by the jobs module, which calls {@link GitHubClaims#sync}
 * and retries it.
 */
public interface GitHubClaimQueue {

    /** Schedules {@link GitHubClaims#sync} for the claim of this run. */
    void enqueue(String runId);
}
