package dev.alfred.policies;

import java.util.Objects;

/**
 * What a policy judges: one tool call an agent asked for.
 *
 * @param toolName  the tool's contract name, e.g. {@code http_get}
 * @param tier      the risk tier the tool declares
 * @param agent     the codename of the agent making the call, e.g. {@code alfred}
 * @param channelId the Slack channel the run belongs to
 * @param userId    the Slack user who requested the run
 */
public record ToolCallRequest(String toolName, RiskTier tier, String agent, String channelId, String userId) {
    public ToolCallRequest {
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(tier, "tier");
    }
}
