package dev.alfred.agents.loop;

import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.catalog.AgentDefinition;
import dev.alfred.agents.fleet.FleetPause;
import dev.alfred.agents.fleet.ProviderBlock;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunSnapshot;
import dev.alfred.policies.RiskTier;
import dev.alfred.agents.tools.ToolSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@link StepPlanner} reads to decide a run's next step, loaded once per step ({@link Situations}).
 *
 * @param snapshot         the run, its transcript and its steps
 * @param agent            the run's agent definition
 * @param pause            the pause that stops the run now, if any
 * @param inputsWaiting    how many thread messages wait to join the transcript
 * @param actions          the run's staged actions and holds, oldest first
 * @param modelUnavailable why the agent cannot call a model, if it cannot
 * @param block            the provider block in force, if any
 * @param tiers            every registered tool's risk tier, by name
 * @param tools            the tools the agent may call, as the model is offered them
 * @param loopGuardRepeats identical calls that trip the loop guard ({@code alfred.runs.loop-guard-repeats})
 */
public record Situation(RunSnapshot snapshot, AgentDefinition agent, Optional<FleetPause> pause, int inputsWaiting,
        List<StagedAction> actions, Optional<String> modelUnavailable, Optional<ProviderBlock> block,
        Map<String, RiskTier> tiers, List<ToolSpec> tools, int loopGuardRepeats) {

    /** @return the run */
    public Run run() {
        return snapshot.run();
    }
}
