package dev.alfred.agents.audit;

/**
 * Published (synchronously, in the recording transaction) for every {@code tool.call} audit event.
 *
 * @param tool     the tool's name, e.g. {@code http_get}
 * @param decision the policy decision's wire name: {@code allow}, {@code require_approval} or {@code deny}
 */
public record ToolCallJudged(String tool, String decision) {
}
