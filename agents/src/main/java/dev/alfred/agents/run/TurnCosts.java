package dev.alfred.agents.run;

import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Where a model call's cost goes, always inside the transaction of the step that records it ({@link RunStore}): the
 * spend of the run and of every ancestor (a sub-run counts against its parents' budgets, {@link RunLookups#lineage}),
 * and the day counters of the run's own agent and requester ({@link SpendDays}). Costs are in US dollars; a cost of
 * 0 writes nothing.
 */
@Singleton
public class TurnCosts {
    private final RunRepository runs;
    private final RunLookups lookups;
    private final SpendDays days;

    public TurnCosts(RunRepository runs, RunLookups lookups, SpendDays days) {
        this.runs = runs;
        this.lookups = lookups;
        this.days = days;
    }

    /**
     * A model turn's cost, its run's own spend already added by the step's commit
     * ({@link RunLeases#fenceAndAdvance}): added to the ancestors' spend and to the day counters.
     *
     * @param run the turn's run, as the caller read it (its parent, agent and requester are used)
     */
    void turn(Run run, Instant finishedAt, BigDecimal costUsd) {
        if (costUsd.signum() == 0) {
            return;
        }
        if (run.parentRunId() != null) {
            addToLineage(run.parentRunId(), costUsd);
        }
        days.add(run, finishedAt, costUsd);
    }

    /** A call's cost for a run none of whose spend was added yet (a compaction): the run, its ancestors, the days. */
    void call(String runId, Instant finishedAt, BigDecimal costUsd) {
        if (costUsd.signum() == 0) {
            return;
        }
        addToLineage(runId, costUsd).stream().findFirst().ifPresent(run -> days.add(run, finishedAt, costUsd));
    }

    /** @return the run and its ancestors, the run first, each with {@code costUsd} added to its spend */
    private List<Run> addToLineage(String runId, BigDecimal costUsd) {
        List<Run> lineage = lookups.lineage(runId);
        lineage.forEach(run -> runs.addSpend(run.id(), costUsd));
        return lineage;
    }
}
