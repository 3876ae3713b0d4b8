package dev.alfred.agents.loop;

import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.fleet.FleetPause;
import dev.alfred.agents.fleet.ProviderBlock;
import dev.alfred.agents.tools.ToolCall;
import dev.alfred.agents.tools.ToolSpec;
import java.util.List;

/**
 * What {@link StepPlanner} decided a run does next. Each kind is taken by one class of this package (named in each
 * record's comment); values only, no behaviour.
 */
public sealed interface PlannedStep {

    /** The run is not {@code RUNNING} (someone else moved it): the worker lets it go. */
    record Stop() implements PlannedStep {
    }

    /** A pause stops the run before its next step ({@link Parking#paused}). */
    record Pause(FleetPause pause) implements PlannedStep {
    }

    /** The run fails with this reason ({@link RunEnding#fail}): step limit, no model, an unanswered hold. */
    record Fail(String reason) implements PlannedStep {
    }

    /** The requester refused to let the run go on calling: it ends cancelled ({@link LoopGuardStep}). */
    record GuardStopped(ToolCall call, StagedAction hold) implements PlannedStep {
    }

    /** People wrote in the thread: their messages join the transcript first ({@link InputsStep}). */
    record TakeInputs() implements PlannedStep {
    }

    /** The pending call was staged for approval; what became of it decides the step ({@link StagedStep}). */
    record Staged(StagedAction action) implements PlannedStep {
    }

    /** The loop guard tripped on this call: a hold asks the requester whether to go on ({@link LoopGuardStep}). */
    record GuardTrip(ToolCall call, int repeats) implements PlannedStep {
    }

    /** The loop guard's hold on this call is still open ({@link Parking#awaitDecision}). */
    record GuardWait(StagedAction hold) implements PlannedStep {
    }

    /** The requester let the run go on calling; the hold is closed, then the call proceeds ({@link LoopGuardStep}). */
    record GuardRelease(ToolCall call, StagedAction hold) implements PlannedStep {
    }

    /** A call with side effects was running when its worker stopped: it is not repeated ({@link ToolCallStep}). */
    record InDoubt(ToolCall call) implements PlannedStep {
    }

    /** The agent called a tool that is not among its tools ({@link ToolCallStep}). */
    record Refuse(ToolCall call) implements PlannedStep {
    }

    /** {@code ask_human}: the run asks in its thread and parks ({@link AskHumanStep}). */
    record AskHuman(ToolCall call) implements PlannedStep {
    }

    /** {@code delegate}: a sub-run ({@link DelegateStep}). */
    record Delegate(ToolCall call) implements PlannedStep {
    }

    /** Any other tool call, through policy ({@link ToolCallStep}). */
    record CallTool(ToolCall call) implements PlannedStep {
    }

    /** The model provider limited Alfred: the run parks until the block lifts ({@link Parking#blocked}). */
    record Blocked(ProviderBlock block) implements PlannedStep {
    }

    /** The prompt would be too long: older turns are summarised first ({@link CompactionStep}). */
    record Compact(Compaction.Plan plan) implements PlannedStep {
    }

    /** A model turn with these tools ({@link ModelTurnStep}). */
    record ModelTurn(List<ToolSpec> tools) implements PlannedStep {
    }
}
