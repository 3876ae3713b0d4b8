package dev.alfred.agents.report;

import java.time.Duration;

/**
 * A snapshot of a run's progress for its status message.
 *
 * @param stepNo   the step under way (1-based)
 * @param maxSteps the run's step limit
 * @param activity what the step does, e.g. {@code thinking} or {@code calling http_get}
 * @param elapsed  time since the run started
 * @param done     whether the run has ended (the status message then shows the last state)
 */
public record RunProgress(int stepNo, int maxSteps, String activity, Duration elapsed, boolean done) {
}
