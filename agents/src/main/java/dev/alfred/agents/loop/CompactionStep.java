package dev.alfred.agents.loop;

import dev.alfred.agents.catalog.AgentDefinition;
import dev.alfred.agents.model.ModelCalls;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.Step;
import dev.alfred.agents.run.StepKind;
import dev.alfred.agents.run.TurnUsage;
import dev.alfred.agents.spend.Spend;
import jakarta.inject.Singleton;

/**
 * A compaction step ({@link Compaction}): the agent's model summarises the older turns into one {@code SUMMARY}
 * entry, recorded and priced like a model turn, audited as {@code transcript.compacted}. The spend gate is checked
 * first, as for any model call.
 */
@Singleton
public class CompactionStep {
    private final RunStore store;
    private final ModelCalls models;
    private final Spend spend;
    private final ModelTurnStep turns;
    private final StepCommitter committer;
    private final ModelFailures failures;
    private final RunEnding ending;
    private final Progress progress;

    public CompactionStep(RunStore store, ModelCalls models, Spend spend, ModelTurnStep turns,
            StepCommitter committer, ModelFailures failures, RunEnding ending, Progress progress) {
        this.store = store;
        this.models = models;
        this.spend = spend;
        this.turns = turns;
        this.committer = committer;
        this.failures = failures;
        this.ending = ending;
        this.progress = progress;
    }

    /** @return true when the run ended or parked; false: it goes on with its model turn */
    public boolean take(Run run, AgentDefinition agent, Compaction.Plan plan) {
        if (turns.stoppedAtSpendCap(run)) {
            return true;
        }
        int stepNo = run.stepCount() + 1;
        Step step = store.beginStep(run.id(), stepNo, StepKind.COMPACTION, null, null);
        progress.report(run, stepNo, "compacting older turns");
        ModelCalls.Reply reply;
        try {
            reply = models.summarise(agent, Compaction.instructions(plan), Compaction.text(plan));
        } catch (RuntimeException e) {
            return failures.failed(run, step, e);
        }
        if (reply.text() == null || reply.text().isBlank()) {
            ending.fail(run, "the model returned an empty summary when its transcript had to be compacted");
            return true;
        }
        TurnUsage usage = spend.meter(reply.model(), reply.inputTokens(), reply.outputTokens());
        committer.summary(run, step, plan, reply.text(), usage);
        return false;
    }
}
