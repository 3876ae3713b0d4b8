package dev.alfred.agents.approvals;

/** Where a staged action is. Moves only forward, by compare-and-set. */
public enum StagedActionStatus {
    /** Waiting for a person's decision. */
    PENDING,
    /** Approved (possibly with edited arguments); not executed yet. */
    APPROVED,
    /** Claimed by a worker that is executing it now. Found so on resume, it is in doubt. */
    EXECUTING,
    EXECUTED,
    REJECTED,
    /** No decision before its expiry; expiry is not a rejection. */
    EXPIRED,
    /** The run ended before a decision. */
    WITHDRAWN,
    /** A worker died between executing it and recording the result: it may or may not have happened. */
    IN_DOUBT;

    /** @return whether the action can still be decided */
    public boolean isOpen() {
        return this == PENDING;
    }
}
