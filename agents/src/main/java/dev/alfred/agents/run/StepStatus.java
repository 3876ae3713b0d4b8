package dev.alfred.agents.run;

/** The state of one attempt at a step. */
public enum StepStatus {
    /** Begun and committed, not yet finished: a worker may have died here. */
    STARTED,
    /** Parked: the step waits for a person (an answer or a decision); it continues as a new attempt. */
    WAITING,
    SUCCEEDED,
    FAILED
}
