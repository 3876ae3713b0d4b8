package dev.alfred.agents.loop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.agents.tools.ToolCall;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Counts repeats of one tool call for the loop guard. Pure. */
final class LoopGuard {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoopGuard() {
    }

    /**
     * Counts the calls identical to {@code current} (same tool, arguments equal as JSON, so key order and spacing do
     * not matter) up to and including it, starting again after each call the requester let go on.
     *
     * @param calls     every tool call of the run, oldest first, including {@code current}
     * @param continued ids of calls the requester let go on when the guard asked
     * @return the repeats, at least 1 when {@code current} is among {@code calls}
     */
    static int repeats(List<ToolCall> calls, ToolCall current, Set<String> continued) {
        JsonNode arguments = parse(current.arguments());
        int count = 0;
        for (ToolCall call : calls) {
            if (call.toolName().equals(current.toolName()) && Objects.equals(parse(call.arguments()), arguments)) {
                count = continued.contains(call.toolCallId()) ? 0 : count + 1;
            }
            if (call.toolCallId().equals(current.toolCallId())) {
                break;
            }
        }
        return count;
    }

    private static JsonNode parse(String arguments) {
        try {
            return JSON.readTree(arguments == null || arguments.isBlank() ? "{}" : arguments);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(arguments);
        }
    }
}
