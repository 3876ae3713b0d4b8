package dev.alfred.agents.report;

import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.fleet.FleetPause;
import dev.alfred.agents.run.Run;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What a run reports while it works: facts, not text. The application renders each in its chat (in Alfred, the
 * {@code bot} module turns them into Slack messages in the run's thread); nothing here knows Slack's syntax.
 */
public sealed interface Report {

    /** Where the run is: its status message, posted once and then updated in place. */
    record Progress(RunProgress progress) implements Report {
    }

    /** The run's final answer. */
    record Answered(String answer) implements Report {
    }

    /** The run failed; {@code reason} says why, for people. */
    record Failed(String reason) implements Report {
    }

    /** {@code ask_human}: a question for the requester. */
    record Question(String question) implements Report {
    }

    /** An action or hold waits for approval: its card, shown once (later reports of it do nothing). */
    record ApprovalRequested(StagedAction action) implements Report {
    }

    /** An action's state changed (decided, counted, withdrawn): its card is updated in place. */
    record ApprovalDecided(StagedAction action) implements Report {
    }

    /** A reminder to the approvers of a pending action, with the approvals still needed and the expiry. */
    record ApprovalReminder(StagedAction action) implements Report {
    }

    /** The run delegated to a sub-run (reported in the parent's thread, with the child's brief). */
    record SubRunStarted(Run child) implements Report {
    }

    /** The run parked before step {@code beforeStep} because of a pause. */
    record Paused(int beforeStep, FleetPause pause) implements Report {
    }

    /** The run parked before step {@code beforeStep} behind a provider block lasting until {@code until}. */
    record Blocked(int beforeStep, String reason, Instant until) implements Report {
    }

    /** The run ended cancelled for this reason (a person stopped it at a hold). */
    record Ended(String reason) implements Report {
    }

    /** A call with side effects was running when its worker stopped, at step {@code stepNo}; it is not repeated. */
    record CallInDoubt(String toolName, int stepNo) implements Report {
    }

    /** An approved action was running when its worker stopped; it is not repeated without a new approval. */
    record ActionInDoubt(StagedAction action) implements Report {
    }

    /**
     * The run's budget was extended by {@code amountUsd} (US dollars); {@code spentUsd} spent so far.
     *
     * @param approvers the user ids whose approvals extended it; empty when one person decided ({@code decidedBy})
     */
    record BudgetExtended(List<String> approvers, String decidedBy, BigDecimal amountUsd, BigDecimal spentUsd)
            implements Report {
    }

    /** A person resumed the paused run. */
    record Resumed(String userId) implements Report {
    }

    /** A person lifted the model provider block; the run continues. */
    record BlockLifted(String userId) implements Report {
    }

    /** A person cancelled the run. */
    record Cancelled(String userId) implements Report {
    }

    /** A person rejected the action (or stopped at the hold) and ended the run; {@code note} is theirs, if any. */
    record RejectedAndEnded(String userId, StagedAction action, String note) implements Report {
    }

    /** A sub-run stopped because the run that delegated to it ({@code parentRunId}) ended. */
    record SubRunStopped(String parentRunId) implements Report {
    }

    /**
     * Someone other than the requester ({@code userId}) replied in the thread while the policy lets only the
     * requester steer the run ({@code thread-input: requester}): reported once per run, so the thread knows such
     * replies reach the agent as untrusted context and answer none of its questions.
     */
    record UntrustedReply(String userId) implements Report {
    }
}
