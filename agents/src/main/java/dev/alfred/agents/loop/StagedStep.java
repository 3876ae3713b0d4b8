package dev.alfred.agents.loop;

import dev.alfred.policies.Mentions;
import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.report.Report;
import dev.alfred.agents.report.RunReporter;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.Step;
import dev.alfred.agents.run.StepKind;
import dev.alfred.agents.tools.ToolDispatcher;
import dev.alfred.agents.tools.ToolResult;
import jakarta.inject.Singleton;

/**
 * Takes up a call that was staged for approval, according to what became of it: still pending, the run waits; approved,
 * it runs once (claimed by compare-and-set) with the action's idempotency key; cut off mid-way, it is not repeated;
 * rejected, expired or withdrawn, the model is told so.
 */
@Singleton
public class StagedStep {
    private final RunStore store;
    private final Approvals approvals;
    private final ToolDispatcher dispatcher;
    private final RunReporter reporter;
    private final StepCommitter committer;
    private final Parking parking;
    private final Progress progress;
    private final Mentions mentions;

    public StagedStep(RunStore store, Approvals approvals, ToolDispatcher dispatcher, RunReporter reporter,
            StepCommitter committer, Parking parking, Progress progress, Mentions mentions) {
        this.mentions = mentions;
        this.store = store;
        this.approvals = approvals;
        this.dispatcher = dispatcher;
        this.reporter = reporter;
        this.committer = committer;
        this.parking = parking;
        this.progress = progress;
    }

    /** @return true when the run parked */
    public boolean take(Run run, StagedAction action) {
        switch (action.status()) {
            case PENDING -> {
                return parking.awaitDecision(run, action);
            }
            case APPROVED -> {
                execute(run, action);
                return false;
            }
            case EXECUTING, IN_DOUBT -> {
                store.atomically(() -> {
                    approvals.markInDoubt(action);
                    reporter.report(run, new Report.ActionInDoubt(action));
                });
                return close(run, action, ToolResult.error("the approved " + action.toolName()
                        + " call was interrupted; it may or may not have happened and was not repeated. Check its "
                        + "effect before trying again."));
            }
            case REJECTED -> {
                return close(run, action, ToolResult.error("rejected by " + mentions.user(action.decidedBy())
                        + (action.decisionNote() == null || action.decisionNote().isBlank() ? ""
                                : ": " + action.decisionNote()) + ". The call was not made."));
            }
            case EXPIRED -> {
                return close(run, action, ToolResult.error("the approval request for this "
                        + action.toolName() + " call expired without a decision; the call was not made. "
                        + "This is not a rejection: you may ask again if it is still needed."));
            }
            default -> {
                return close(run, action, ToolResult.error("the call was withdrawn and not made"));
            }
        }
    }

    private void execute(Run run, StagedAction action) {
        if (!approvals.claimForExecution(action)) {
            return;
        }
        int stepNo = run.stepCount() + 1;
        Step step = store.beginStep(run.id(), stepNo, StepKind.TOOL_CALL, action.toolName(), action.toolCallId());
        progress.report(run, stepNo, "running approved " + action.toolName());
        ToolResult result = dispatcher.executeApproved(run, action.toolName(), action.toolCallId(),
                action.effectiveArguments(), action.idempotencyKey());
        String forModel = action.editedArguments() == null ? result.content()
                : "Approved after " + mentions.user(action.decidedBy()) + " edited the arguments; the call ran with "
                        + action.editedArguments() + " instead of " + action.arguments() + ".\n" + result.content();
        committer.approvedAction(run, action, step, forModel, result);
    }

    private boolean close(Run run, StagedAction action, ToolResult result) {
        Step step = store.beginStep(run.id(), run.stepCount() + 1, StepKind.TOOL_CALL, action.toolName(),
                action.toolCallId());
        committer.toolResult(run, step, action.toolCallId(), action.toolName(), result);
        return false;
    }
}
