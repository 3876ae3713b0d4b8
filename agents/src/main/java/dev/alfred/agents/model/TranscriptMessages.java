package dev.alfred.agents.model;

import dev.alfred.agents.redaction.Redaction;
import dev.alfred.agents.run.TranscriptEntry;
import dev.alfred.agents.tools.ToolCalls;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts Alfred's stored transcript into LangChain4j messages. Stateless.
 */
public final class TranscriptMessages {
    private TranscriptMessages() {
    }

    /** Heads the summary a compaction left, as the model reads it. */
    public static final String SUMMARY_HEADING = "Summary of the earlier part of this run (older turns were "
            + "compacted into it):\n";

    /**
     * @return the messages the model receives for this transcript, in order (see {@link #view}), every text redacted
     *         ({@link Redaction}): a secret that reached the transcript is not sent to the model provider
     */
    public static List<ChatMessage> toMessages(List<TranscriptEntry> transcript) {
        List<TranscriptEntry> view = view(transcript);
        List<ChatMessage> messages = new ArrayList<>(view.size());
        for (TranscriptEntry entry : view) {
            messages.add(switch (entry.role()) {
                case SYSTEM -> SystemMessage.from(Redaction.redact(entry.content()));
                case USER -> UserMessage.from(Redaction.redact(entry.content()));
                case ASSISTANT -> assistant(entry);
                case TOOL_RESULT -> ToolExecutionResultMessage.from(entry.toolCallId(), entry.toolName(),
                        Redaction.redact(entry.content()));
                case SUMMARY -> UserMessage.from(SUMMARY_HEADING + Redaction.redact(entry.content()));
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

    private static AiMessage assistant(TranscriptEntry entry) {
        List<ToolExecutionRequest> calls = ToolCalls.fromJson(entry.toolCalls()).stream()
                .map(call -> ToolExecutionRequest.builder().id(call.toolCallId()).name(call.toolName())
                        .arguments(Redaction.redactJson(call.arguments())).build()).toList();
        String content = Redaction.redact(entry.content());
        if (calls.isEmpty()) {
            return AiMessage.from(content == null ? "" : content);
        }
        return content == null || content.isBlank() ? AiMessage.from(calls) : AiMessage.from(content, calls);
    }
}
