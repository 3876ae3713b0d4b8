package dev.alfred.agents.approvals;

/** What a person decided about a staged action; the approval card's buttons, by {@code action_id}. */
public enum DecisionKind {
    /** {@code approval.approve} */
    APPROVE,
    /** {@code approval.edit}, once the edited arguments are submitted */
    EDIT,
    /** {@code approval.reject}: the model hears why and continues */
    REJECT,
    /** {@code approval.reject_and_end}: the run ends {@code CANCELLED} */
    REJECT_AND_END
}
