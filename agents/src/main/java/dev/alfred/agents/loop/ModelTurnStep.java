package dev.alfred.agents.loop;

import dev.alfred.agents.catalog.AgentDefinition;
import dev.alfred.agents.model.ModelCalls;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.Step;
import dev.alfred.agents.run.StepKind;
import dev.alfred.agents.run.TranscriptEntry;
import dev.alfred.agents.run.TurnUsage;
import dev.alfred.agents.spend.Spend;
import dev.alfred.agents.tools.ToolCall;
import dev.alfred.agents.tools.ToolSpec;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * A model turn: the transcript and the agent's tools go to its model; the reply is committed. Text alone is the
 * final answer, committed with the run's end in one transaction; tool calls are taken as the next steps. The spend
 * gate is checked first ({@link BudgetGate}), by {@link StepStarts} on the hot path.
 */
@Singleton
public class ModelTurnStep {
    /** What the status message shows during a model turn. */
    static final String ACTIVITY = "thinking";

    private final RunStore store;
    private final ModelCalls models;
    private final Spend spend;
    private final BudgetGate budget;
    private final StepCommitter committer;
    private final ModelFailures failures;
    private final RunEnding ending;
    private final Progress progress;

    public ModelTurnStep(RunStore store, ModelCalls models, Spend spend, BudgetGate budget, StepCommitter committer,
            ModelFailures failures, RunEnding ending, Progress progress) {
        this.store = store;
        this.models = models;
        this.spend = spend;
        this.budget = budget;
        this.committer = committer;
        this.failures = failures;
        this.ending = ending;
        this.progress = progress;
    }

    /** Begins the turn's step attempt (committed with the caller's transaction) and shows it in the status message. */
    Step begin(Run run) {
        return begin(run, null);
    }

    /**
     * Begins the turn's step attempt as {@link #begin(Run)}, its attempt number from {@code earlier}, the run's step
     * attempts read in the caller's transaction (null: asked of the database).
     */
    Step begin(Run run, @Nullable List<Step> earlier) {
        return reported(run, store.beginStep(earlier, run.id(), run.stepCount() + 1, StepKind.MODEL_TURN, null, null));
    }

    private Step reported(Run run, Step step) {
        progress.report(run, step.stepNo(), ACTIVITY);
        return step;
    }

    /**
     * @param begun the turn's attempt when {@link StepStarts} began it past the spend gate, or null to check the gate
     *              and begin it here
     * @return true when the run ended or parked
     */
    public boolean take(Run run, AgentDefinition agent, List<TranscriptEntry> transcript, List<ToolSpec> tools,
            @Nullable Step begun) {
        Step step = begun;
        if (step == null) {
            if (stoppedAtSpendCap(run)) {
                return true;
            }
            step = begin(run);
        }
        int stepNo = step.stepNo();
        ModelCalls.Reply reply;
        try {
            reply = models.turn(agent, transcript, tools);
        } catch (RuntimeException e) {
            return failures.failed(run, step, e);
        }
        List<ToolCall> calls = withCallIds(reply.toolCalls(), stepNo);
        TurnUsage usage = spend.meter(reply.model(), reply.inputTokens(), reply.outputTokens());
        if (!calls.isEmpty()) {
            committer.modelTurn(run, step, reply, calls, usage);
            return false;
        }
        committer.modelTurn(run, step, reply, calls, usage, () -> {
            if (reply.text() == null || reply.text().isBlank()) {
                ending.fail(run, "the model returned an empty answer");
            } else {
                ending.succeed(run, reply.text());
            }
        });
        return true;
    }

    /**
     * The spend gate before any model call (a turn or a compaction).
     *
     * @return true when the run ended or parked at a cap
     */
    boolean stoppedAtSpendCap(Run run) {
        Gate gate = budget.check(run);
        if (gate instanceof Gate.End end) {
            ending.end(run, end);
            return true;
        }
        if (gate instanceof Gate.Parked) {
            progress.report(run, run.stepCount(), "blocked at its spend cap");
            return true;
        }
        return false;
    }

    /**
     * Gives every tool call an id unique within the run ({@code call_s<step>_<index>}): some OpenAI-compatible
     * servers leave ids out or reuse them across turns, and results and staged actions are matched by id. The
     * model only ever sees these ids back, so they stay consistent for it.
     */
    static List<ToolCall> withCallIds(List<ToolCall> calls, int stepNo) {
        List<ToolCall> renamed = new ArrayList<>();
        for (ToolCall call : calls) {
            renamed.add(new ToolCall("call_s" + stepNo + "_" + renamed.size(), call.toolName(), call.arguments()));
        }
        return renamed;
    }
}
