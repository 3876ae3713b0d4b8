package dev.alfred.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * The recurring job {@code dispatch-schedules}: fires every schedule that is due, once across replicas (one recurring
 * job for all schedules, since JobRunr's open-source edition caps recurring jobs). Carries nothing.
 */
public record DispatchSchedulesJob() implements JobRequest {
    /** The recurring job's id. */
    public static final String ID = "dispatch-schedules";

    @Override
    public Class<DispatchSchedulesJobHandler> getJobRequestHandler() {
        return DispatchSchedulesJobHandler.class;
    }
}
