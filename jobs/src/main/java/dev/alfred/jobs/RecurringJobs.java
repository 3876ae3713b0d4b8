package dev.alfred.jobs;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PostConstruct;
import java.time.Duration;
import org.jobrunr.scheduling.JobRequestScheduler;

/**
 * Registers Alfred's recurring jobs at start-up (ids in kebab-case; registering again replaces, so replicas agree).
 * Off with {@code alfred.jobs.recurring-enabled: false}, which the read-only {@code alfred audit} command sets.
 */
@Context
@Requires(property = "alfred.jobs.recurring-enabled", notEquals = "false")
public class RecurringJobs {
    private static final Logger LOG = LoggerFactory.getLogger(RecurringJobs.class);
    /** Attempts at registering one recurring job before start-up fails. */
    static final int ATTEMPTS = 5;

    private final JobRequestScheduler scheduler;
    private final Duration approvalSweep;
    private final Duration runSweep;
    private final Duration blockLift;
    private final Duration scheduleDispatch;

    public RecurringJobs(JobRequestScheduler scheduler,
            @Value("${alfred.approvals.sweep-interval:1m}") Duration approvalSweep,
            @Value("${alfred.runs.sweep-interval:1m}") Duration runSweep,
            @Value("${alfred.model.block-lift-interval:5s}") Duration blockLift,
            @Value("${alfred.schedules.dispatch-interval:10s}") Duration scheduleDispatch) {
        this.scheduleDispatch = scheduleDispatch;
        this.blockLift = blockLift;
        this.scheduler = scheduler;
        this.approvalSweep = approvalSweep;
        this.runSweep = runSweep;
    }

    /**
     * Registers each job, retried (Failsafe, up to {@value #ATTEMPTS} attempts): replicas starting together insert the
     * same recurring job at once and one gets a duplicate key; its next attempt finds the row and replaces it.
     */
    @PostConstruct
    void register() {
        RetryPolicy<Object> retries = RetryPolicy.builder().withMaxAttempts(ATTEMPTS)
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(2))
                .onRetry(event -> LOG.warn("could not register a recurring job ({}); another replica may be "
                        + "registering it, trying again", event.getLastException().toString()))
                .build();
        Failsafe.with(retries).run(() -> scheduler.scheduleRecurrently(ExpireApprovalsJob.ID, approvalSweep,
                new ExpireApprovalsJob()));
        Failsafe.with(retries).run(() -> scheduler.scheduleRecurrently(SweepStaleRunsJob.ID, runSweep,
                new SweepStaleRunsJob()));
        Failsafe.with(retries).run(() -> scheduler.scheduleRecurrently(LiftBlocksJob.ID, blockLift,
                new LiftBlocksJob()));
        Failsafe.with(retries).run(() -> scheduler.scheduleRecurrently(DispatchSchedulesJob.ID, scheduleDispatch,
                new DispatchSchedulesJob()));
    }
}
