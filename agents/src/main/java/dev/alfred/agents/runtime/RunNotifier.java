package dev.alfred.agents.runtime;

import dev.alfred.agents.runs.Run;
import io.micronaut.core.annotation.Nullable;

/**
 * Where a run reports: implemented by the application (in Alfred, the run's Slack thread). Calls may throw on a
 * transient failure to reach people; the runner then retries the job.
 */
public interface RunNotifier {

    /**
     * Opens the run's conversation (for Slack: the root message in the channel).
     *
     * @return the conversation's thread reference ({@code thread_ts}) to store on the run
     */
    String openThread(Run run);

    /**
     * Shows where the run is.
     *
     * @param statusMessageTs the status message shown last time, to update in place, or null for the first time
     * @return the status message's reference, to pass back next time
     */
    String progress(Run run, RunProgress progress, @Nullable String statusMessageTs);

    /** Delivers the run's final answer. */
    void finalAnswer(Run run, String answer);

    /** Says that the run failed and why. */
    void failed(Run run, String reason);
}
