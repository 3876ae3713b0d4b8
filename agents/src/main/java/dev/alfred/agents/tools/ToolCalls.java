package dev.alfred.agents.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.agents.run.TranscriptEntry;
import dev.alfred.agents.run.TranscriptRole;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tool calls a transcript holds: the assistant entries store theirs as a JSON array of
 * {@code {"id","name","arguments"}} in {@link TranscriptEntry#toolCalls()}. Stateless apart from the JSON mapper.
 */
public final class ToolCalls {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolCalls() {
    }

    /**
     * @return the first tool call of the latest assistant turn that has no result in the transcript yet; empty when
     *         every call has been answered or the latest turn called no tool
     */
    public static Optional<ToolCall> nextPending(List<TranscriptEntry> transcript) {
        for (int i = transcript.size() - 1; i >= 0; i--) {
            TranscriptEntry entry = transcript.get(i);
            if (entry.role() == TranscriptRole.ASSISTANT) {
                Set<String> answered = transcript.subList(i + 1, transcript.size()).stream()
                        .map(TranscriptEntry::toolCallId).filter(id -> id != null).collect(Collectors.toSet());
                return fromJson(entry.toolCalls()).stream().filter(call -> !answered.contains(call.toolCallId()))
                        .findFirst();
            }
        }
        return Optional.empty();
    }

    /** @return every tool call the model made in the transcript, oldest first */
    public static List<ToolCall> all(List<TranscriptEntry> transcript) {
        return transcript.stream().filter(entry -> entry.role() == TranscriptRole.ASSISTANT)
                .flatMap(entry -> fromJson(entry.toolCalls()).stream()).toList();
    }

    /** @return the tool calls as stored: a JSON array of {@code {"id","name","arguments"}}, or null when none */
    public static @Nullable String toJson(@Nullable List<ToolCall> calls) {
        if (calls == null || calls.isEmpty()) {
            return null;
        }
        List<Map<String, String>> rows = calls.stream()
                .map(call -> Map.of("id", call.toolCallId(), "name", call.toolName(),
                        "arguments", call.argumentsOrEmpty()))
                .toList();
        try {
            return JSON.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tool calls could not be written as JSON", e);
        }
    }

    /**
     * @param json the stored array, or null
     * @return the calls it holds, in order; empty for null or blank
     * @throws IllegalStateException when the stored text is not such an array
     */
    public static List<ToolCall> fromJson(@Nullable String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<Map<String, String>> rows = JSON.readerForListOf(Map.class).readValue(json);
            return rows.stream().map(row -> new ToolCall(row.get("id"), row.get("name"), row.get("arguments")))
                    .toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored tool calls are not valid JSON: " + json, e);
        }
    }
}
