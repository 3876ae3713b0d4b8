package dev.alfred.agents.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.policies.RiskTier;

/**
 * A capability the model may call. Implementations are beans; the registry finds them by {@link #name()}.
 *
 * <p>Implementations must not throw for expected failures (bad input, remote errors): they return
 * {@link ToolResult#error(String)} so the model can read the reason. An exception is treated the same way by the
 * runtime, with the exception's message as the error.
 */
public interface Tool {

    /** @return the stable snake_case name from DESIGN.md section 4, e.g. {@code http_get} */
    String name();

    /** @return one or two sentences telling the model what the tool does and when to use it */
    String description();

    /** @return the JSON Schema of the arguments object, e.g. built with {@link ToolSchema#builder()} */
    ObjectNode parameters();

    /** @return how much harm a call can do; policy decides from it whether the call runs, waits or is refused */
    RiskTier tier();

    /**
     * Checks what can be checked before the policy judges the call, without side effects: a call refused here is
     * answered with a tool error at once and never staged for approval (the HTTP tools refuse internal addresses).
     *
     * @param arguments the arguments, already valid against {@link #parameters()}
     * @return why the call cannot be made, a sentence for the model; empty when it may go on (the default)
     */
    default java.util.Optional<String> refusal(JsonNode arguments) {
        return java.util.Optional.empty();
    }

    /**
     * @param arguments the arguments, already valid against {@link #parameters()}
     * @return where the call would go, for the people who approve it, e.g. {@code example.com:443 → 93.184.215.14};
     *         empty when the tool has no such destination (the default)
     */
    default java.util.Optional<String> destination(JsonNode arguments) {
        return java.util.Optional.empty();
    }

    /**
     * Runs the call.
     *
     * @param arguments the arguments object the model sent, already parsed
     * @param context   the run the call belongs to
     * @return what goes back to the model as the tool result
     */
    ToolResult execute(JsonNode arguments, ToolContext context);

    /**
     * What a call would do, for the person deciding on it: computed when policy stages the call for approval, stored
     * with the staged action and shown on its approval card beside the arguments (e.g. a push's branch, commits and
     * diff). Plain text: the application renders it, so no chat syntax.
     *
     * @param arguments the validated arguments
     * @param context   the run the call belongs to (no idempotency key yet)
     * @return the preview, or empty for none (the default)
     */
    default java.util.Optional<String> preview(JsonNode arguments, ToolContext context) {
        return java.util.Optional.empty();
    }
}
