package dev.alfred.policies;

import java.util.Objects;

/**
 * The outcome of judging one {@link ToolCallRequest}. Every decision names the rule that produced it, so the
 * audit log and the thread can say why.
 */
public sealed interface PolicyDecision permits PolicyDecision.Allow, PolicyDecision.RequireApproval, PolicyDecision.Deny {

    /** @return the id of the rule that produced this decision */
    String ruleId();

    /** The call may run now. */
    record Allow(String ruleId) implements PolicyDecision {
        public Allow {
            Objects.requireNonNull(ruleId, "ruleId");
        }
    }

    /** The call must be staged and wait for a person's approval. */
    record RequireApproval(String ruleId) implements PolicyDecision {
        public RequireApproval {
            Objects.requireNonNull(ruleId, "ruleId");
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
    }
}
