package dev.alfred.agents.loop;

import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.RunInbox;
import dev.alfred.agents.catalog.AgentCatalog;
import dev.alfred.agents.catalog.AgentDefinition;
import dev.alfred.agents.fleet.Fleet;
import dev.alfred.agents.fleet.ProviderBlocks;
import dev.alfred.agents.model.ModelCalls;
import dev.alfred.agents.run.RunSnapshot;
import dev.alfred.agents.run.RunSnapshots;
import dev.alfred.agents.run.RunnerSettings;
import dev.alfred.agents.tools.ToolRegistry;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Loads a run's {@link Situation}: one read-only transaction per step. */
@Singleton
public class Situations {
    private final RunSnapshots snapshots;
    private final AgentCatalog catalog;
    private final Fleet fleet;
    private final RunInbox inbox;
    private final Approvals approvals;
    private final ModelCalls models;
    private final ProviderBlocks providerBlocks;
    private final ToolRegistry tools;
    private final RunnerSettings settings;

    public Situations(RunSnapshots snapshots, AgentCatalog catalog, Fleet fleet, RunInbox inbox, Approvals approvals,
            ModelCalls models, ProviderBlocks providerBlocks, ToolRegistry tools, RunnerSettings settings) {
        this.snapshots = snapshots;
        this.catalog = catalog;
        this.fleet = fleet;
        this.inbox = inbox;
        this.approvals = approvals;
        this.models = models;
        this.providerBlocks = providerBlocks;
        this.tools = tools;
        this.settings = settings;
    }

    /** @return the run's situation now; empty when there is no such run */
    @Transactional(readOnly = true)
    public Optional<Situation> load(String runId) {
        Optional<RunSnapshot> snapshot = snapshots.snapshot(runId);
        if (snapshot.isEmpty()) {
            return Optional.empty();
        }
        AgentDefinition agent = catalog.resolve(snapshot.get().run().agent());
        return Optional.of(new Situation(snapshot.get(), agent, fleet.pauseFor(snapshot.get().run()),
                inbox.waiting(runId), approvals.ofRun(runId), models.unavailable(agent), providerBlocks.current(),
                tools.tiers(), catalog.toolSpecifications(agent), settings.getLoopGuardRepeats()));
    }
}
