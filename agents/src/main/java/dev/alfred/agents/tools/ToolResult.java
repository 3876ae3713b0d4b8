package dev.alfred.agents.tools;

import java.util.Objects;

/**
 * What a tool call gives back to the model.
 *
 * @param content the text the model reads
 * @param error   whether the call failed; the content then says why
 */
public record ToolResult(String content, boolean error) {
    public ToolResult {
        Objects.requireNonNull(content, "content");
    }

    /** @return a successful result */
    public static ToolResult ok(String content) {
        return new ToolResult(content, false);
    }

    /** @return a failed result; the text the model reads starts with {@code ERROR: } */
    public static ToolResult error(String reason) {
        return new ToolResult("ERROR: " + reason, true);
    }
}
