package dev.alfred.policies;

import java.util.Objects;

/**
 * The outcome of judging one {@link ToolCallRequest}. Every decision names the rule that produced it, so the
 * audit log and the thread can say why.
 */
public sealed interface PolicyDecision permits PolicyDecision.Allow, PolicyDecision.RequireApproval, PolicyDecision.Deny {

    /** @return the id of the rule that produced this decision */
    String ruleId();

    /** @return the wire name of the decision: {@code allow}, {@code require_approval} or {@code deny} */
    String wireName();

    /** The call may run now. */
    record Allow(String ruleId) implements PolicyDecision {
        public Allow {
            Objects.requireNonNull(ruleId, "ruleId");
        }

        @Override
        public String wireName() {
            return "allow";
        }
    }

    /**
     * The call must be staged and wait for approval.
     *
     * @param approvers who may approve, how many must, and whether the requester may
     * @param window    how long the approval request lives and when to remind; unset parts fall back to the
     *                  application's defaults
     */
    record RequireApproval(String ruleId, Approvers approvers, ApprovalWindow window) implements PolicyDecision {
        public RequireApproval {
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(approvers, "approvers");
            window = window == null ? ApprovalWindow.UNSET : window;
        }

        @Override
        public String wireName() {
            return "require_approval";
        }
    }

    /**
     * The call must not run; the reason goes back to the model as the tool result.
     *
     * @param reason a sentence a person can read
     */
    record Deny(String ruleId, String reason) implements PolicyDecision {
        public Deny {
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String wireName() {
            return "deny";
        }
    }
}
