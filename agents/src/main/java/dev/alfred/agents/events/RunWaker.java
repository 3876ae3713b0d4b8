package dev.alfred.agents.events;

import dev.alfred.agents.loop.RunRunner;

/**
 * Gets a {@code QUEUED} run moving again after the event that unparked it (a reply, a decision, an expiry).
 * Implemented with a background job by the jobs module.
 */
public interface RunWaker {

    /** Schedules {@link RunRunner#advance(String)} for the run. */
    void wake(String runId);
}
