package dev.alfred.jobs;

import dev.alfred.agents.events.RunEvents;
import jakarta.inject.Singleton;
import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Handles {@link LiftBlocksJob} through {@link BlockLifter}. */
@Singleton
public class LiftBlocksJobHandler implements JobRequestHandler<LiftBlocksJob> {
    private static final Logger LOG = LoggerFactory.getLogger(LiftBlocksJobHandler.class);

    private final RunEvents events;

    public LiftBlocksJobHandler(RunEvents events) {
        this.events = events;
    }

    @Override
    @Job(name = "lift provider blocks", retries = 1)
    public void run(LiftBlocksJob job) {
        int lifted = events.blocksLifted();
        if (lifted > 0) {
            LOG.info("unblocked {} run(s)", lifted);
        }
    }
}
