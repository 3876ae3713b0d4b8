package dev.alfred.jobs;

import dev.alfred.agents.events.BlockLifter;
import jakarta.inject.Singleton;
import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Handles {@link LiftBlocksJob} through {@link BlockLifter}. */
@Singleton
public class LiftBlocksJobHandler implements JobRequestHandler<LiftBlocksJob> {
    private static final Logger LOG = LoggerFactory.getLogger(LiftBlocksJobHandler.class);

    private final BlockLifter lifter;

    public LiftBlocksJobHandler(BlockLifter lifter) {
        this.lifter = lifter;
    }

    @Override
    @Job(name = "lift provider blocks", retries = 1)
    public void run(LiftBlocksJob job) {
        int lifted = lifter.liftDue();
        if (lifted > 0) {
            LOG.info("unblocked {} run(s)", lifted);
        }
    }
}
