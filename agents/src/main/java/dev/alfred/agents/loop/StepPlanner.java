package dev.alfred.agents.loop;

import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.approvals.StagedActionStatus;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.StepStatus;
import dev.alfred.agents.tools.ToolCall;
import dev.alfred.agents.tools.ToolCalls;
import dev.alfred.agents.tools.delegate.DelegateTool;
import dev.alfred.agents.tools.human.AskHumanTool;
import dev.alfred.policies.RiskTier;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides a run's next step from its {@link Situation}. Pure: no I/O, no clock; the same situation always gives the
 * same step. In order: a run that is not {@code RUNNING} stops; a pause parks it; the step limit fails it; a pending
 * tool call is taken (what became of its approval, the loop guard, a call cut off mid-way, the agent's tool list,
 * then by tool); people's new messages join the transcript; then the model: no model fails the run, a provider block
 * parks it, a prompt too long is compacted, else a model turn.
 */
public final class StepPlanner {

    private StepPlanner() {
    }

    /** @return the next step */
    public static PlannedStep plan(Situation now) {
        Run run = now.run();
        if (run.status() != RunStatus.RUNNING) {
            return new PlannedStep.Stop();
        }
        if (now.pause().isPresent()) {
            return new PlannedStep.Pause(now.pause().get());
        }
        if (run.stepCount() >= run.maxSteps()) {
            return new PlannedStep.Fail("the run reached its limit of " + run.maxSteps()
                    + " steps without a final answer");
        }
        Optional<ToolCall> pending = ToolCalls.nextPending(now.snapshot().transcript());
        if (pending.isPresent()) {
            return toolStep(now, pending.get());
        }
        if (now.inputsWaiting() > 0) {
            return new PlannedStep.TakeInputs();
        }
        if (now.modelUnavailable().isPresent()) {
            return new PlannedStep.Fail(now.modelUnavailable().get());
        }
        if (now.block().isPresent()) {
            return new PlannedStep.Blocked(now.block().get());
        }
        return Compaction.plan(now.agent(), now.snapshot().steps(), now.snapshot().transcript(), now.tools())
                .<PlannedStep>map(PlannedStep.Compact::new)
                .orElseGet(() -> new PlannedStep.ModelTurn(now.tools()));
    }

    private static PlannedStep toolStep(Situation now, ToolCall call) {
        Optional<StagedAction> staged = action(now, call.toolCallId());
        if (staged.isPresent()) {
            return new PlannedStep.Staged(staged.get());
        }
        Optional<PlannedStep> guarded = loopGuard(now, call);
        if (guarded.isPresent()) {
            return guarded.get();
        }
        String tool = call.toolName();
        int stepNo = now.run().stepCount() + 1;
        RiskTier tier = now.tiers().get(tool);
        boolean interrupted = !AskHumanTool.NAME.equals(tool) && tier != null && tier != RiskTier.READ
                && now.snapshot().steps().stream().anyMatch(earlier -> earlier.stepNo() == stepNo
                        && call.toolCallId().equals(earlier.toolCallId()) && earlier.status() == StepStatus.STARTED);
        if (interrupted) {
            return new PlannedStep.InDoubt(call);
        }
        if (tier != null && !now.agent().allows(tool)) {
            return new PlannedStep.Refuse(call);
        }
        if (AskHumanTool.NAME.equals(tool)) {
            return new PlannedStep.AskHuman(call);
        }
        if (DelegateTool.NAME.equals(tool)) {
            return new PlannedStep.Delegate(call);
        }
        return new PlannedStep.CallTool(call);
    }

    /**
     * The loop guard: the same call with the same arguments made {@code loopGuardRepeats} times since the requester
     * last let it go on trips a hold; the hold's fate decides what follows.
     */
    private static Optional<PlannedStep> loopGuard(Situation now, ToolCall call) {
        Optional<StagedAction> hold = action(now, StagedAction.LOOP_CALL_PREFIX + call.toolCallId());
        if (hold.isEmpty()) {
            Set<String> continued = now.actions().stream()
                    .filter(action -> StagedAction.CONTINUE_LOOP.equals(action.toolName()))
                    .filter(action -> action.status() == StagedActionStatus.EXECUTED)
                    .map(action -> action.toolCallId().substring(StagedAction.LOOP_CALL_PREFIX.length()))
                    .collect(Collectors.toSet());
            int repeats = LoopGuard.repeats(ToolCalls.all(now.snapshot().transcript()), call, continued);
            return repeats < now.loopGuardRepeats() ? Optional.empty()
                    : Optional.of(new PlannedStep.GuardTrip(call, repeats));
        }
        StagedAction action = hold.get();
        return switch (action.status()) {
            case PENDING -> Optional.of(new PlannedStep.GuardWait(action));
            case APPROVED -> Optional.of(new PlannedStep.GuardRelease(call, action));
            case EXECUTING, EXECUTED -> Optional.empty();
            case EXPIRED -> Optional.of(new PlannedStep.Fail("it kept calling " + call.toolName()
                    + " with the same arguments and nobody answered whether it should go on"));
            default -> Optional.of(new PlannedStep.GuardStopped(call, action));
        };
    }

    private static Optional<StagedAction> action(Situation now, String toolCallId) {
        return now.actions().stream().filter(action -> toolCallId.equals(action.toolCallId())).findFirst();
    }
}
