package dev.alfred.agents.approvals;

import dev.alfred.agents.audit.AuditLog;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What time does to pending actions: reminders come due, requests expire. Swept by a recurring job. */
@Singleton
public class ApprovalTimers {
    private final StagedActionRepository actions;
    private final Approvals approvals;
    private final AuditLog audit;
    private final Clock clock;

    public ApprovalTimers(StagedActionRepository actions, Approvals approvals, AuditLog audit, Clock clock) {
        this.actions = actions;
        this.approvals = approvals;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Marks the reminders that are due as posted and returns their actions; the caller posts them. A reminder is
     * claimed once, so two sweepers never post the same one twice.
     */
    @Transactional
    public List<StagedAction> claimRemindersDue() {
        Instant now = clock.instant();
        List<StagedAction> due = new ArrayList<>();
        for (StagedAction action : actions.findRemindersDue(now)) {
            if (actions.markReminded(action.id(), now) == 1) {
                audit.record(action.runId(), "approval.reminded", null, action.stepNo(), action.id() + ": "
                        + action.approvalsStillNeeded() + " approval(s) still needed", Map.of("actionId",
                        action.id()));
                due.add(action);
            }
        }
        return due;
    }

    /** Expires every pending action past its expiry and unparks its run; returns the expired actions. */
    @Transactional
    public List<StagedAction> expireDue() {
        List<StagedAction> expired = new ArrayList<>();
        for (StagedAction action : actions.findDue(clock.instant())) {
            if (actions.transition(action.id(), StagedActionStatus.PENDING.name(),
                    StagedActionStatus.EXPIRED.name()) == 1) {
                approvals.unpark(action);
                audit.record(action.runId(), "approval.expired", null, action.stepNo(), action.id() + " expired "
                        + "without a decision", Map.of("actionId", action.id()));
                expired.add(actions.findById(action.id()).orElseThrow());
            }
        }
        return expired;
    }
}
