package dev.alfred.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * The recurring job {@code lift-provider-blocks}: lifts the provider-limit block once its time has come and
 * re-enqueues the runs it parked; also unparks runs whose day spend cap rolled over. Carries nothing.
 */
public record LiftBlocksJob() implements JobRequest {
    /** The recurring job's id. */
    public static final String ID = "lift-provider-blocks";

    @Override
    public Class<LiftBlocksJobHandler> getJobRequestHandler() {
        return LiftBlocksJobHandler.class;
    }
}
