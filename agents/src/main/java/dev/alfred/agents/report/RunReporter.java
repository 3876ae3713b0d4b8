package dev.alfred.agents.report;

import dev.alfred.agents.run.Run;

/**
 * Where a run reports: implemented by the application (in Alfred, the run's Slack thread). Except
 * {@link #openThread}, a report only records what to say (in Alfred, in the outbox) and joins the caller's
 * transaction, so what a step reports commits with the step; delivery happens afterwards, in order, with retries.
 */
public interface RunReporter {

    /**
     * Opens the run's conversation (for Slack: the root message in the channel).
     *
     * @return the conversation's thread reference ({@code thread_ts}) to store on the run
     */
    String openThread(Run run);

    /** Reports a fact about the run in its conversation. */
    void report(Run run, Report fact);
}
