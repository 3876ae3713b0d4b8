package dev.alfred.agents.events;

import dev.alfred.agents.approvals.DecisionKind;
import dev.alfred.agents.approvals.DecisionOutcome;
import dev.alfred.agents.approvals.RunInbox;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunWaker;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The single inbound port for everything that unparks a run: a thread reply, an approval decision or its expiry, a
 * resume, a cancellation, a lifted block. Each method records what happened (in one transaction, de-duplicated where
 * a delivery can repeat) and wakes the run through {@link RunWaker}; the run loop takes it from there. The end of a
 * sub-run unparks its parent inside the transaction that ends it ({@link SubRuns}), so it needs no call here.
 * Callers are the application's adapters: Slack handlers in {@code bot}, timers in {@code jobs}.
 */
@Singleton
public class RunEvents {
    private final RunInbox inbox;
    private final RunWaker waker;
    private final ApprovalDecisions decisions;
    private final FleetControl control;
    private final BlockLifter lifter;
    private final dev.alfred.agents.report.RunReporter reporter;

    public RunEvents(RunInbox inbox, RunWaker waker, ApprovalDecisions decisions, FleetControl control,
            BlockLifter lifter, dev.alfred.agents.report.RunReporter reporter) {
        this.reporter = reporter;
        this.inbox = inbox;
        this.waker = waker;
        this.decisions = decisions;
        this.control = control;
        this.lifter = lifter;
    }

    /**
     * A person replied in the run's thread: the reply answers the run's open question (the run is woken) or waits
     * as input for its next model turn; a reply from someone who may not steer the run waits as untrusted context,
     * and the first of those is told in the thread ({@link RunInbox}).
     *
     * @param deliveryKey de-duplicates the delivery, e.g. {@code slack:event:<event_id>}
     */
    public RunInbox.Outcome replied(Run run, String userId, String text, @Nullable String messageTs,
            String deliveryKey) {
        RunInbox.Outcome outcome = inbox.reply(run, userId, text, messageTs, deliveryKey);
        if (outcome == RunInbox.Outcome.ANSWERED) {
            waker.wake(run.id());
        } else if (outcome == RunInbox.Outcome.QUEUED_AS_CONTEXT_FIRST) {
            reporter.report(run, new dev.alfred.agents.report.Report.UntrustedReply(userId));
        }
        return outcome;
    }

    /** @return whether the person may take this decision on the action, as {@link ApprovalDecisions#check} */
    public Optional<DecisionOutcome> mayDecide(String actionId, DecisionKind kind, String userId) {
        return decisions.check(actionId, kind, userId);
    }

    /** A person decided an approval request: see {@link ApprovalDecisions#decide}; a decided action wakes its run. */
    public DecisionOutcome decided(String actionId, DecisionKind kind, String userId, @Nullable String note,
            @Nullable String editedArguments) {
        return decisions.decide(actionId, kind, userId, note, editedArguments);
    }

    /** As {@link #decided(String, DecisionKind, String, String, String)}, with the action as the caller just read it. */
    public DecisionOutcome decided(StagedAction read, DecisionKind kind, String userId) {
        return decisions.decide(read, kind, userId, null, null);
    }

    /** Time passed: pending approvals past their expiry expire (their runs woken). @return how many expired */
    public int expired() {
        return decisions.expireDue();
    }

    /** Time passed: due reminders are posted. @return how many */
    public int remindersDue() {
        return decisions.remindDue();
    }

    /** A person resumed the fleet or an agent. @return runs resumed; -1 when the scope was not paused */
    public int resumed(String scope, String userId) {
        return control.resume(scope, userId);
    }

    /** A person lifted the model provider block early. @return runs that continue; -1 when none was in force */
    public int providerBlockLifted(String userId) {
        return control.liftProviderBlock(userId);
    }

    /** Time passed: provider blocks and spend caps that lifted by themselves free their runs. @return how many */
    public int blocksLifted() {
        return lifter.liftDue();
    }

    /** A person cancelled the run. @return the run as it was; empty when there is no such run */
    public Optional<Run> cancelled(String runId, String userId) {
        return control.cancel(runId, userId);
    }
}
