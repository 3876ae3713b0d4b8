package dev.alfred.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/** The recurring job {@code expire-approvals}: expires staged actions past their time-to-live. Carries nothing. */
public record ExpireApprovalsJob() implements JobRequest {
    /** The recurring job's id. */
    public static final String ID = "expire-approvals";

    @Override
    public Class<ExpireApprovalsJobHandler> getJobRequestHandler() {
        return ExpireApprovalsJobHandler.class;
    }
}
