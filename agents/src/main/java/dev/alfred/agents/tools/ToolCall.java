package dev.alfred.agents.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;

/**
 * One tool call the model made, as the runtime keeps it (model adapters convert to and from their own types).
 *
 * @param toolCallId the call's id, unique within the run ({@code call_s<step>_<index>}, assigned by the runtime)
 * @param toolName   the tool's name, e.g. {@code http_get}
 * @param arguments  the arguments as the model sent them: a JSON object as text, or null when it sent none
 */
public record ToolCall(String toolCallId, String toolName, @Nullable String arguments) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return the arguments as text, {@code {}} when the model sent none */
    public String argumentsOrEmpty() {
        return arguments == null ? "{}" : arguments;
    }

    /** @return a string argument, or null when absent, not a string, or the arguments are not a JSON object */
    public @Nullable String argument(String name) {
        try {
            JsonNode node = JSON.readTree(argumentsOrEmpty());
            return node != null && node.path(name).isTextual() ? node.path(name).asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
