package dev.alfred.jobs;

import dev.alfred.agents.loop.RunWorker;
import jakarta.inject.Singleton;
import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * Handles {@link AdvanceRunJob}: loads the run by id and advances it. Idempotent, because
 * {@link RunWorker#advance(String)} is: a run in an unexpected state is left alone. A throw means a retry, which
 * JobRunr schedules with exponential back-off; the runner resumes from the last committed step.
 */
@Singleton
public class AdvanceRunJobHandler implements JobRequestHandler<AdvanceRunJob> {
    private final RunWorker runner;

    public AdvanceRunJobHandler(RunWorker runner) {
        this.runner = runner;
    }

    @Override
    @Job(name = "advance run %0", retries = 3)
    public void run(AdvanceRunJob job) {
        runner.advance(job.runId());
    }
}
