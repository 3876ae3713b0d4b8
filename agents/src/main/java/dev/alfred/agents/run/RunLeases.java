package dev.alfred.agents.run;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Run leases: a worker claims a run until a time and renews the claim while it works ({@code loop.RunWorker}); a
 * claim that lapses lets another worker take the run.
 */
@Singleton
public class RunLeases {
    private final RunRepository runs;
    private final Clock clock;

    public RunLeases(RunRepository runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    /** Claims the run for one worker until {@code until}; false when another worker holds a live claim. */
    @Transactional
    public boolean acquireLease(String runId, String owner, Instant until) {
        return runs.acquireLease(runId, owner, until, clock.instant()) == 1;
    }

    /** Gives the claim back. */
    @Transactional
    public void releaseLease(String runId, String owner) {
        runs.releaseLease(runId, owner);
    }
}
