package dev.alfred.agents.run;


/**
 * Gets a {@code QUEUED} run moving again after the event that unparked it (a reply, a decision, an expiry).
 * Implemented with a background job by the jobs module.
 */
public interface RunWaker {

    /** Schedules {@code RunWorker.advance} for the run. */
    void wake(String runId);
}
