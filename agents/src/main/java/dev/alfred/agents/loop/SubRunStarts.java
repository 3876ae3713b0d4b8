package dev.alfred.agents.loop;

import dev.alfred.agents.run.RunLookups;
import dev.alfred.agents.catalog.AgentDefinition;
import dev.alfred.agents.run.NewRun;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.RunnerSettings;
import dev.alfred.agents.spend.Spend;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Starts the sub-runs {@code delegate} asks for: one child per call, however often the step is retried
 * (de-duplicated like a delivery), at most {@value #MAX_DEPTH} levels below a root run, with a budget of its agent's
 * cap but never more than its parent has left ({@link Spend#subRunBudget}). What happens when a sub-run ends is
 * {@code events.SubRuns}'.
 */
@Singleton
public class SubRunStarts {
    /** How many levels of sub-runs a root run may have below it. */
    public static final int MAX_DEPTH = 3;

    private final RunStore store;
    private final Spend spend;
    private final RunnerSettings settings;
    private final RunLookups lookups;

    public SubRunStarts(RunStore store, Spend spend, RunnerSettings settings, RunLookups lookups) {
        this.lookups = lookups;
        this.store = store;
        this.spend = spend;
        this.settings = settings;
    }

    /** @return how many runs are above this one (0 for a root run) */
    public int depth(Run run) {
        return run.parentRunId() == null ? 0 : lookups.lineage(run.parentRunId()).size();
    }

    /**
     * Starts the child answering the parent's call, or finds the one started before (a retried step).
     *
     * @param callId the parent's {@code delegate} tool call id
     * @return the child run, {@code QUEUED} when new; the caller enqueues it after its transaction commits
     * @throws IllegalStateException when the child was recorded but cannot be read back
     */
    public Run start(Run parent, String callId, AgentDefinition agent, String brief) {
        Optional<Run> created = store.create("subrun:" + parent.id() + ":" + callId, new NewRun(agent.name(), brief,
                parent.teamId(), parent.channelId(), parent.requesterUserId(), agent.systemPrompt(),
                agent.maxSteps() != null ? agent.maxSteps() : settings.getMaxSteps(),
                spend.subRunBudget(parent, agent.budgetUsd()), parent.threadTs(), parent.id(), callId, parent.origin()));
        return created.or(() -> lookups.child(parent.id(), callId)).orElseThrow(() -> new IllegalStateException(
                "the sub-run for call " + callId + " of run " + parent.id() + " was recorded but cannot be found"));
    }
}
