package dev.alfred.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;

/**
 * What a policy judges: one tool call an agent asked for.
 *
 * @param toolName  the tool's contract name, e.g. {@code http_get}
 * @param tier      the risk tier the tool declares
 * @param agent     the codename of the agent making the call, e.g. {@code alfred}
 * @param channelId the Slack channel the run belongs to
 * @param userId    the Slack user who requested the run
 * @param arguments the call's validated arguments, a JSON object (empty when unknown, e.g. for an explanation)
 */
public record ToolCallRequest(String toolName, RiskTier tier, String agent, String channelId, String userId,
        JsonNode arguments) {
    public ToolCallRequest {
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(tier, "tier");
        arguments = arguments == null ? JsonNodeFactory.instance.objectNode() : arguments;
    }

    /** A request without arguments, for explaining which rules could apply to a tool. */
    public ToolCallRequest(String toolName, RiskTier tier, String agent, String channelId, String userId) {
        this(toolName, tier, agent, channelId, userId, null);
    }
}
