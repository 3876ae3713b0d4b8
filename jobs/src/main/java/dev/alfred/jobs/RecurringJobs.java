package dev.alfred.jobs;

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

    @PostConstruct
    void register() {
        scheduler.scheduleRecurrently(ExpireApprovalsJob.ID, approvalSweep, new ExpireApprovalsJob());
        scheduler.scheduleRecurrently(SweepStaleRunsJob.ID, runSweep, new SweepStaleRunsJob());
        scheduler.scheduleRecurrently(LiftBlocksJob.ID, blockLift, new LiftBlocksJob());
        scheduler.scheduleRecurrently(DispatchSchedulesJob.ID, scheduleDispatch, new DispatchSchedulesJob());
    }
}
