package dev.alfred.agents.loop;

import dev.alfred.agents.run.Step;
import io.micronaut.core.annotation.Nullable;

/**
 * A run's next step as {@link StepStarts} found it: the situation it was planned from, the plan, and the step's
 * attempt when it was begun in the same transaction (a model turn past the spend gate, a tool call).
 *
 * @param now   the run's situation, read once for this step
 * @param plan  what {@link StepPlanner} decided from it
 * @param begun the attempt begun (committed {@code STARTED}) with the situation's read, or null when the step's class
 *              begins it itself
 */
public record NextStep(Situation now, PlannedStep plan, @Nullable Step begun) {
}
