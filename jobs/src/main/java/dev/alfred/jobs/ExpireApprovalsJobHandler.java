package dev.alfred.jobs;

import dev.alfred.agents.events.RunEvents;
import jakarta.inject.Singleton;
import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles {@link ExpireApprovalsJob}: every due {@code PENDING} action becomes {@code EXPIRED} (compare-and-set, so
 * replicas running it together expire each action once), its card is updated and its run resumes, telling the model
 * that the request expired. It also posts the reminders that fell due (each claimed once), mentioning the approvers.
 */
@Singleton
public class ExpireApprovalsJobHandler implements JobRequestHandler<ExpireApprovalsJob> {
    private static final Logger LOG = LoggerFactory.getLogger(ExpireApprovalsJobHandler.class);

    private final RunEvents events;

    public ExpireApprovalsJobHandler(RunEvents events) {
        this.events = events;
    }

    @Override
    @Job(name = "expire approvals", retries = 1)
    public void run(ExpireApprovalsJob job) {
        int expired = events.expired();
        if (expired > 0) {
            LOG.info("expired {} approval request(s)", expired);
        }
        int reminded = events.remindersDue();
        if (reminded > 0) {
            LOG.info("reminded the approvers of {} approval request(s)", reminded);
        }
    }
}
