package dev.alfred.jobs;

import jakarta.inject.Singleton;
import org.jobrunr.scheduling.JobRequestScheduler;

/**
 * Enqueues run work as JobRunr jobs. Enqueueing is not part of the caller's transaction: commit the run first, then
 * enqueue, so a job never looks for a run that is not there yet.
 */
@Singleton
public class RunQueue {
    private final JobRequestScheduler scheduler;

    public RunQueue(JobRequestScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Enqueues an {@link AdvanceRunJob} for the run; any background job server may pick it up. */
    public void advance(String runId) {
        scheduler.enqueue(new AdvanceRunJob(runId));
    }
}
