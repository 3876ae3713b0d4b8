package dev.alfred.agents.loop;

import dev.alfred.agents.run.RunStatus;

/** What a check before a step says: go on, the run is parked, or the run ends. */
public sealed interface Gate {
    /** The run may take its step. */
    Gate GO = new Go();
    /** The run is parked (its thread says why); the worker lets it go. */
    Gate PARKED = new Parked();

    record Go() implements Gate {
    }

    record Parked() implements Gate {
    }

    /**
     * The run ends.
     *
     * @param status {@code FAILED} or {@code CANCELLED}
     * @param reason why, for the thread
     */
    record End(RunStatus status, String reason) implements Gate {
    }
}
