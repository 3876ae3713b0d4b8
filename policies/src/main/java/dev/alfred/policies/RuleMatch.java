package dev.alfred.policies;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rule applies to; every field given must match, and a field left out matches anything. YAML:
 * <pre>
 * match:
 *   tool: ["github_*"]          # tool name globs
 *   tier: [write]               # read | write | destructive
 *   agent: [alfred]             # agent codenames
 *   channel: [C0123]            # Slack channel ids
 *   requester: [U0456]          # Slack user ids of the person who asked for the run
 *   args: {...}                 # see ArgCondition
 * </pre>
 * Each list also accepts a single value.
 */
public record RuleMatch(List<String> tool, List<RiskTier> tier, List<String> agent, List<String> channel,
        List<String> requester, Map<String, ArgCondition> args) {
    /** Matches every call. */
    public static final RuleMatch ANY = new RuleMatch(null, null, null, null, null, null);

    public RuleMatch {
        tool = copy(tool);
        tier = tier == null ? List.of() : List.copyOf(tier);
        agent = copy(agent);
        channel = copy(channel);
        requester = copy(requester);
        SlackIds.channels(channel);
        SlackIds.users(requester);
        args = args == null ? Map.of() : new LinkedHashMap<>(args);
    }

    /** @return whether everything but the arguments matches */
    public boolean matchesCall(ToolCallRequest request) {
        return (tool.isEmpty() || Globs.anyMatch(tool, request.toolName()))
                && (tier.isEmpty() || tier.contains(request.tier()))
                && (agent.isEmpty() || agent.contains(request.agent()))
                && (channel.isEmpty() || channel.contains(request.channelId()))
                && (requester.isEmpty() || requester.contains(request.userId()));
    }

    /** @return whether the whole match holds, arguments included */
    public boolean matches(ToolCallRequest request) {
        if (!matchesCall(request)) {
            return false;
        }
        for (Map.Entry<String, ArgCondition> condition : args.entrySet()) {
            if (!condition.getValue().test(argument(request.arguments(), condition.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** @return the argument conditions in words, or null when there are none */
    public String describeArgs() {
        if (args.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        args.forEach((name, condition) -> parts.add("`" + name + "` " + condition.describe()));
        return String.join(" and ", parts);
    }

    private static JsonNode argument(JsonNode arguments, String path) {
        JsonNode node = arguments;
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node;
    }

    private static List<String> copy(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
