package dev.alfred.agents.run;

/** The states of a run, as in DESIGN.md section 3. */
public enum RunStatus {
    QUEUED,
    RUNNING,
    WAITING_FOR_REPLY,
    WAITING_FOR_APPROVAL,
    WAITING_FOR_SUBRUN,
    PAUSED,
    BLOCKED,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    /** @return whether the run has ended for good */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** @return whether a worker may advance the run now (it is queued, or running and being resumed) */
    public boolean isAdvanceable() {
        return this == QUEUED || this == RUNNING;
    }
}
