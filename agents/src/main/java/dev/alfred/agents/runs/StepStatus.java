package dev.alfred.agents.runs;

/** The state of one attempt at a step. */
public enum StepStatus {
    /** Begun and committed, not yet finished: a worker may have died here. */
    STARTED,
    SUCCEEDED,
    FAILED
}
