package dev.alfred.agents.loop;

import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.Step;
import jakarta.inject.Singleton;

/** Hands each {@link PlannedStep} to the class that takes that kind of step. */
@Singleton
public class Steps {
    private final Parking parking;
    private final RunEnding ending;
    private final InputsStep inputs;
    private final StagedStep staged;
    private final LoopGuardStep guard;
    private final ToolCallStep calls;
    private final AskHumanStep askHuman;
    private final DelegateStep delegate;
    private final CompactionStep compaction;
    private final ModelTurnStep turns;

    public Steps(Parking parking, RunEnding ending, InputsStep inputs, StagedStep staged, LoopGuardStep guard,
            ToolCallStep calls, AskHumanStep askHuman, DelegateStep delegate, CompactionStep compaction,
            ModelTurnStep turns) {
        this.parking = parking;
        this.ending = ending;
        this.inputs = inputs;
        this.staged = staged;
        this.guard = guard;
        this.calls = calls;
        this.askHuman = askHuman;
        this.delegate = delegate;
        this.compaction = compaction;
        this.turns = turns;
    }

    /**
     * Takes the step {@link StepStarts} found.
     *
     * @return true when the run parked or ended (the worker lets it go), false when it goes on
     */
    public boolean take(NextStep step) {
        return take(step.now(), step.plan(), step.begun());
    }

    /** Takes a step its class begins itself, as {@link #take(NextStep)}. */
    public boolean take(Situation now, PlannedStep next) {
        return take(now, next, null);
    }

    private boolean take(Situation now, PlannedStep next, Step begun) {
        Run run = now.run();
        if (next instanceof PlannedStep.Stop) {
            return true;
        } else if (next instanceof PlannedStep.Pause pause) {
            return parking.paused(run, pause.pause());
        } else if (next instanceof PlannedStep.Fail fail) {
            ending.fail(run, fail.reason());
            return true;
        } else if (next instanceof PlannedStep.TakeInputs) {
            return inputs.take(run);
        } else if (next instanceof PlannedStep.Staged step) {
            return staged.take(run, step.action());
        } else if (next instanceof PlannedStep.GuardTrip trip) {
            return guard.trip(run, trip.call(), trip.repeats());
        } else if (next instanceof PlannedStep.GuardWait wait) {
            return parking.awaitDecision(run, wait.hold());
        } else if (next instanceof PlannedStep.GuardRelease release) {
            return guard.release(release.call(), release.hold());
        } else if (next instanceof PlannedStep.GuardStopped stopped) {
            return guard.stop(run, stopped.call(), stopped.hold());
        } else if (next instanceof PlannedStep.InDoubt step) {
            return calls.inDoubt(run, step.call());
        } else if (next instanceof PlannedStep.Refuse step) {
            return calls.refuse(run, now.agent(), step.call());
        } else if (next instanceof PlannedStep.AskHuman step) {
            return askHuman.take(run, step.call());
        } else if (next instanceof PlannedStep.Delegate step) {
            return delegate.take(run, step.call());
        } else if (next instanceof PlannedStep.CallTool step) {
            return calls.call(run, step.call(), now.snapshot().transcript(), begun,
                    now.tiers().get(step.call().toolName()));
        } else if (next instanceof PlannedStep.Blocked step) {
            return parking.blocked(run, step.block());
        } else if (next instanceof PlannedStep.Compact step) {
            return compaction.take(run, now.agent(), step.plan());
        } else if (next instanceof PlannedStep.ModelTurn step) {
            return turns.take(run, now.agent(), now.snapshot().transcript(), step.tools(), begun);
        }
        throw new IllegalStateException("no class takes " + next);
    }
}
