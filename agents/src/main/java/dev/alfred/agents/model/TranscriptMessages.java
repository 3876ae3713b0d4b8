package dev.alfred.agents.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.agents.run.TranscriptEntry;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Converts between Alfred's stored transcript and LangChain4j messages, and finds the tool calls still waiting for
 * a result. Stateless apart from the JSON mapper.
 */
public final class TranscriptMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TranscriptMessages() {
    }

    /** Heads the summary a compaction left, as the model reads it. */
    public static final String SUMMARY_HEADING = "Summary of the earlier part of this run (older turns were "
            + "compacted into it):\n";

    /** @return the messages the model receives for this transcript, in order (see {@link #view}) */
    public static List<ChatMessage> toMessages(List<TranscriptEntry> transcript) {
        List<TranscriptEntry> view = view(transcript);
        List<ChatMessage> messages = new ArrayList<>(view.size());
        for (TranscriptEntry entry : view) {
            messages.add(switch (entry.role()) {
                case SYSTEM -> SystemMessage.from(entry.content());
                case USER -> UserMessage.from(entry.content());
                case ASSISTANT -> assistant(entry);
                case TOOL_RESULT -> ToolExecutionResultMessage.from(entry.toolCallId(), entry.toolName(),
                        entry.content());
                case SUMMARY -> UserMessage.from(SUMMARY_HEADING + entry.content());
            });
        }
        return messages;
    }

    /**
     * The entries the model sees. Without a compaction, all of them. After one, the latest {@code SUMMARY} stands
     * for everything it covers: the system prompt and the task (seq 0 and 1), the summary, then the entries after
     * the ones it covers; earlier summaries are covered by the latest.
     *
     * @return the entries in the order the model reads them
     */
    public static List<TranscriptEntry> view(List<TranscriptEntry> transcript) {
        TranscriptEntry summary = null;
        for (TranscriptEntry entry : transcript) {
            if (entry.role() == dev.alfred.agents.run.TranscriptRole.SUMMARY) {
                summary = entry;
            }
        }
        if (summary == null) {
            return transcript;
        }
        int covers = summary.coversSeq() == null ? summary.seq() : summary.coversSeq();
        List<TranscriptEntry> view = new ArrayList<>();
        transcript.stream().filter(entry -> entry.seq() < 2).forEach(view::add);
        view.add(summary);
        transcript.stream().filter(entry -> entry.seq() > covers
                && entry.role() != dev.alfred.agents.run.TranscriptRole.SUMMARY).forEach(view::add);
        return view;
    }

    /**
     * @return the first tool call of the latest assistant turn that has no result in the transcript yet; empty when
     *         every call has been answered or the latest turn called no tool
     */
    public static Optional<ToolExecutionRequest> nextPendingToolCall(List<TranscriptEntry> transcript) {
        for (int i = transcript.size() - 1; i >= 0; i--) {
            TranscriptEntry entry = transcript.get(i);
            if (entry.role() == dev.alfred.agents.run.TranscriptRole.ASSISTANT) {
                Set<String> answered = transcript.subList(i + 1, transcript.size()).stream()
                        .map(TranscriptEntry::toolCallId).filter(id -> id != null).collect(Collectors.toSet());
                return toolCalls(entry.toolCalls()).stream().filter(call -> !answered.contains(call.id()))
                        .findFirst();
            }
        }
        return Optional.empty();
    }

    /** @return every tool call the model made in the transcript, oldest first */
    public static List<ToolExecutionRequest> allToolCalls(List<TranscriptEntry> transcript) {
        return transcript.stream().filter(entry -> entry.role() == dev.alfred.agents.run.TranscriptRole.ASSISTANT)
                .flatMap(entry -> toolCalls(entry.toolCalls()).stream()).toList();
    }

    /** @return the tool calls as stored: a JSON array of {@code {"id","name","arguments"}}, or null when none */
    public static String toolCallsJson(List<ToolExecutionRequest> calls) {
        if (calls == null || calls.isEmpty()) {
            return null;
        }
        List<Map<String, String>> rows = calls.stream()
                .map(call -> Map.of("id", call.id(), "name", call.name(),
                        "arguments", call.arguments() == null ? "{}" : call.arguments()))
                .toList();
        try {
            return JSON.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tool calls could not be written as JSON", e);
        }
    }

    /** @return a string argument of a tool call, or null when absent or the arguments are not a JSON object */
    public static String argument(ToolExecutionRequest call, String name) {
        try {
            var node = JSON.readTree(call.arguments() == null ? "{}" : call.arguments());
            return node != null && node.path(name).isTextual() ? node.path(name).asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static AiMessage assistant(TranscriptEntry entry) {
        List<ToolExecutionRequest> calls = toolCalls(entry.toolCalls());
        if (calls.isEmpty()) {
            return AiMessage.from(entry.content() == null ? "" : entry.content());
        }
        return entry.content() == null || entry.content().isBlank()
                ? AiMessage.from(calls) : AiMessage.from(entry.content(), calls);
    }

    private static List<ToolExecutionRequest> toolCalls(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<Map<String, String>> rows = JSON.readerForListOf(Map.class).readValue(json);
            return rows.stream().map(row -> ToolExecutionRequest.builder()
                    .id(row.get("id")).name(row.get("name")).arguments(row.get("arguments")).build()).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored tool calls are not valid JSON: " + json, e);
        }
    }
}
