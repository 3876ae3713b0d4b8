package dev.alfred.policies;

import java.time.Instant;

/**
 * The built-in policy until policy files exist: {@code read} tools run, {@code write} and {@code destructive} tools
 * wait for a person's approval. Its rule ids are {@code tier-read-allow} and {@code tier-gated-approval}.
 */
public final class TierPolicy implements Policy {

    /** Rule id of the decision that lets a {@code read} tool run. */
    public static final String READ_RULE = "tier-read-allow";
    /** Rule id of the decision that gates {@code write} and {@code destructive} tools. */
    public static final String GATED_RULE = "tier-gated-approval";

    @Override
    public PolicyDecision evaluate(ToolCallRequest request, Instant now) {
        return switch (request.tier()) {
            case READ -> new PolicyDecision.Allow(READ_RULE);
            case WRITE, DESTRUCTIVE -> new PolicyDecision.RequireApproval(GATED_RULE);
        };
    }
}
