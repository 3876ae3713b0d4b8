package dev.alfred.agents.schedule;

/** Whether a schedule fires. */
public enum ScheduleStatus {
    /** Fires at its next firing time. */
    ACTIVE,
    /** Does not fire until resumed: paused by a person, or by itself after repeated failures. */
    PAUSED
}
