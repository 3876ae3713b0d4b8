package dev.alfred.agents.schedule;

import dev.alfred.agents.run.Run;

/**
 * Where schedules speak up by themselves: implemented by the application (in Alfred, a message in the schedule's
 * Slack channel through the outbox). Calls join the caller's transaction.
 */
public interface ScheduleNotifier {

    /**
     * Says in the schedule's channel that it paused itself.
     *
     * @param schedule the schedule as it was when it paused (its {@code consecutiveFailures} is the count)
     * @param lastRun  the run whose failure paused it
     */
    void autoPaused(Schedule schedule, Run lastRun);
}
