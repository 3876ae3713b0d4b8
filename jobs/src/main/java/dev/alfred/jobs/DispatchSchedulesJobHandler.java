package dev.alfred.jobs;

import dev.alfred.agents.schedule.ScheduleDispatcher;
import jakarta.inject.Singleton;
import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles {@link DispatchSchedulesJob} through {@link ScheduleDispatcher}. Idempotent: a firing taken before (by
 * this replica or another) is not taken again, so a retry or an overlapping run of the job does no harm.
 */
@Singleton
public class DispatchSchedulesJobHandler implements JobRequestHandler<DispatchSchedulesJob> {
    private static final Logger LOG = LoggerFactory.getLogger(DispatchSchedulesJobHandler.class);

    private final ScheduleDispatcher dispatcher;

    public DispatchSchedulesJobHandler(ScheduleDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    @Job(name = "dispatch schedules", retries = 1)
    public void run(DispatchSchedulesJob job) {
        int taken = dispatcher.dispatchDue();
        if (taken > 0) {
            LOG.info("took {} schedule firing(s)", taken);
        }
    }
}
