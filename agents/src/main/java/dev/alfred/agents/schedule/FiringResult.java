package dev.alfred.agents.schedule;

import dev.alfred.agents.run.Run;

/** What became of one attempt to fire a schedule. */
public sealed interface FiringResult permits FiringResult.Started, FiringResult.Skipped, FiringResult.NotTaken {

    /** The firing started a run, {@code QUEUED} and woken once the firing commits. */
    record Started(Run run) implements FiringResult {
    }

    /**
     * The firing was taken and audited, but started nothing.
     *
     * @param reason why, in a sentence (e.g. the previous run is still active)
     */
    record Skipped(String reason) implements FiringResult {
    }

    /** Nothing was due, or another dispatcher (replica) took the firing first. */
    record NotTaken() implements FiringResult {
    }
}
