package dev.alfred.agents.fleet;

import dev.alfred.agents.run.RunLookups;
import dev.alfred.agents.audit.AuditLog;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunRepository;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The transactions of fleet control: pauses (whole fleet or one agent) held in the database, so every replica's
 * workers see them at their next step, and the resumption of the runs they parked.
 */
@Singleton
public class Fleet {
    /** Scope of a fleet-wide pause. */
    public static final String FLEET = "fleet";
    /** Prefix of an agent's pause scope. */
    public static final String AGENT_PREFIX = "agent:";

    private final FleetPauseRepository pauses;
    private final RunRepository runs;
    private final RunStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final RunLookups lookups;

    public Fleet(FleetPauseRepository pauses, RunRepository runs, RunStore store, AuditLog audit, Clock clock,
            RunLookups lookups) {
        this.lookups = lookups;
        this.pauses = pauses;
        this.runs = runs;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** @return the scope for an agent's pause */
    public static String agentScope(String agent) {
        return AGENT_PREFIX + agent;
    }

    /** @return the pause that stops {@code agent} now (the fleet's first), if any */
    @Transactional(readOnly = true)
    public Optional<FleetPause> pauseFor(String agent) {
        List<FleetPause> found = pauses.findEither(FLEET, agentScope(agent));
        return found.stream().filter(pause -> FLEET.equals(pause.scope())).findFirst()
                .or(() -> found.stream().findFirst());
    }

    /**
     * @return the pause that stops the run now: the fleet's, its agent's, or the agent's of any run above it (a
     *         sub-run inherits its parents' pauses), if any
     */
    @Transactional(readOnly = true)
    public Optional<FleetPause> pauseFor(Run run) {
        Optional<FleetPause> pause = pauseFor(run.agent());
        if (pause.isPresent() || run.parentRunId() == null) {
            return pause;
        }
        return lookups.lineage(run.parentRunId()).stream().map(above -> pauses.findById(agentScope(above.agent())))
                .flatMap(Optional::stream).findFirst();
    }

    /** @return every pause in force */
    @Transactional(readOnly = true)
    public List<FleetPause> pauses() {
        List<FleetPause> all = new ArrayList<>();
        pauses.findAll().forEach(all::add);
        return all;
    }

    /**
     * Pauses a scope and records it.
     *
     * @return false when it was paused already (the first pause stands)
     */
    @Transactional
    public boolean pause(String scope, String userId) {
        if (pauses.pause(scope, userId, clock.instant()) == 0) {
            return false;
        }
        audit.record(null, "fleet.paused", userId, null, scope + " paused", Map.of("scope", scope));
        return true;
    }

    /**
     * Lifts a pause and moves the runs it held from {@code PAUSED} to {@code QUEUED}; runs another pause still
     * holds stay parked. The caller wakes the returned runs.
     *
     * @return the runs to wake, or empty when the scope was not paused
     */
    @Transactional
    public Optional<List<Run>> resume(String scope, String userId) {
        if (pauses.lift(scope) == 0) {
            return Optional.empty();
        }
        audit.record(null, "fleet.resumed", userId, null, scope + " resumed", Map.of("scope", scope));
        List<Run> resumed = new ArrayList<>();
        for (Run run : runs.findByStatus(RunStatus.PAUSED.name())) {
            if (pauseFor(run).isEmpty() && store.transition(run.id(), RunStatus.PAUSED, RunStatus.QUEUED)) {
                audit.record(run.id(), "run.resumed", userId, run.stepCount(), "resumed (" + scope + ")", null);
                resumed.add(run);
            }
        }
        return Optional.of(resumed);
    }
}
