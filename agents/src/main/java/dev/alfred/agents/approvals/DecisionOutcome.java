package dev.alfred.agents.approvals;

/** What became of a person's decision on a staged action. */
public sealed interface DecisionOutcome permits DecisionOutcome.Decided, DecisionOutcome.Counted, DecisionOutcome.AlreadyDecided,
        DecisionOutcome.NotAllowed, DecisionOutcome.NotFound {

    /** The decision took effect; {@code action} is the action after it. */
    record Decided(StagedAction action) implements DecisionOutcome {
    }

    /**
     * An approval was counted, but the rule needs more distinct approvers; the action stays {@code PENDING}.
     *
     * @param action the action after the approval was counted
     */
    record Counted(StagedAction action) implements DecisionOutcome {
    }

    /** Someone decided first (or it expired); {@code action} shows by whom and how. Nothing changed. */
    record AlreadyDecided(StagedAction action) implements DecisionOutcome {
    }

    /** This person may not decide; nothing changed, and the refusal was recorded. */
    record NotAllowed(StagedAction action, String reason) implements DecisionOutcome {
    }

    /** No staged action has that id. */
    record NotFound(String actionId) implements DecisionOutcome {
    }
}
