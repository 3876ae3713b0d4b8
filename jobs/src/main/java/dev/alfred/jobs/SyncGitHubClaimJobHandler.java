package dev.alfred.jobs;

import dev.alfred.agents.tools.github.GitHubException;
import dev.alfred.agents.trigger.GitHubClaimQueue;
import dev.alfred.agents.trigger.GitHubLabels;
import jakarta.inject.Singleton;
import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.scheduling.JobRequestScheduler;

/**
 * Handles {@link SyncGitHubClaimJob} through {@link GitHubLabels#sync}, and is the {@link GitHubClaimQueue} that
 * enqueues it. Idempotent: a move already made is not made again. A failed GitHub call is thrown, so JobRunr retries
 * with its back-off (GitHub may be rate limiting or down).
 */
@Singleton
public class SyncGitHubClaimJobHandler implements JobRequestHandler<SyncGitHubClaimJob>, GitHubClaimQueue {
    private final GitHubLabels labels;
    private final JobRequestScheduler scheduler;

    public SyncGitHubClaimJobHandler(GitHubLabels labels, JobRequestScheduler scheduler) {
        this.labels = labels;
        this.scheduler = scheduler;
    }

    @Override
    public void enqueue(String runId) {
        scheduler.enqueue(new SyncGitHubClaimJob(runId));
    }

    @Override
    @Job(name = "sync GitHub labels of run %0", retries = 8)
    public void run(SyncGitHubClaimJob job) throws GitHubException {
        labels.sync(job.runId());
    }
}
