package dev.alfred.agents.report;

import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.run.Run;

/**
 * Where a run reports: implemented by the application (in Alfred, the run's Slack thread). Except
 * {@link #openThread}, calls only record what to say (in Alfred, in the outbox) and join the caller's transaction,
 * so what a step reports commits with the step; delivery happens afterwards, in order, with retries.
 */
public interface RunNotifier {

    /**
     * Opens the run's conversation (for Slack: the root message in the channel).
     *
     * @return the conversation's thread reference ({@code thread_ts}) to store on the run
     */
    String openThread(Run run);

    /** Shows where the run is: the first call posts the run's status message, later calls update it in place. */
    void progress(Run run, RunProgress progress);

    /** Delivers the run's final answer. */
    void finalAnswer(Run run, String answer);

    /** Says that the run failed and why. */
    void failed(Run run, String reason);

    /** Asks the requester a question in the run's thread ({@code ask_human}). */
    void question(Run run, String question);

    /** Shows an approval card for a staged action in the run's thread, once: later calls for it do nothing. */
    void approvalRequested(Run run, StagedAction action);

    /** Updates the action's card in place: buttons gone, outcome, decider and time shown. */
    void approvalDecided(Run run, StagedAction action);

    /**
     * Reminds the approvers of a pending action in the run's thread, mentioning them, with the approvals still
     * needed and the expiry.
     */
    void approvalReminder(Run run, StagedAction action);

    /** Says in the parent's thread that it delegated to a sub-run, with the sub-run's brief (its task). */
    void subRunStarted(Run parent, Run child);

    /** Posts a notice in the run's thread (cancellations, actions in doubt). */
    void notice(Run run, String text);

    /** @return a point in time as notices should show it (in Slack, in each reader's own time zone) */
    default String when(java.time.Instant instant) {
        return instant.toString();
    }
}
