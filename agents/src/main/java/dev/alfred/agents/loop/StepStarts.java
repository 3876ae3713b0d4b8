package dev.alfred.agents.loop;

import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.Step;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The first of a step's transactions: the run's {@link Situation} is read, {@link StepPlanner} decides the next step,
 * and on the hot path the step's attempt is begun and the status message updated, all in one transaction. The hot
 * path is a model turn the spend gate lets through ({@link BudgetGate#clear}) and a tool call; every other step begins
 * itself as before. A begun attempt is committed {@code STARTED} before the model or tool is called, as when the step
 * began itself, so a worker that dies mid-step still leaves its trace and the retry takes the next attempt number.
 * The second transaction is the step's commit ({@link StepCommitter}): 2 per step on the hot path (issue 22: "read the
 * snapshot once, commit the step with its transcript, spend, audit, outbox and lease renewal together").
 */
@Singleton
public class StepStarts {
    private final Situations situations;
    private final BudgetGate budget;
    private final ModelTurnStep turns;
    private final ToolCallStep calls;

    public StepStarts(Situations situations, BudgetGate budget, ModelTurnStep turns, ToolCallStep calls) {
        this.situations = situations;
        this.budget = budget;
        this.turns = turns;
        this.calls = calls;
    }

    /**
     * @return the run's next step, begun when it is on the hot path; empty when there is no such run
     */
    @Transactional
    public Optional<NextStep> next(String runId) {
        Optional<Situation> found = situations.load(runId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Situation now = found.get();
        PlannedStep plan = StepPlanner.plan(now);
        return Optional.of(new NextStep(now, plan, begin(now, plan)));
    }

    private Step begin(Situation now, PlannedStep plan) {
        Run run = now.run();
        if (plan instanceof PlannedStep.ModelTurn && budget.clear(run, now.actions())) {
            return turns.begin(run, now.snapshot().steps());
        }
        if (plan instanceof PlannedStep.CallTool call) {
            return calls.beginReported(run, call.call(), now.snapshot().steps());
        }
        return null;
    }
}
