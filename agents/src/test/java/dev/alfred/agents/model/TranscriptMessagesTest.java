package dev.alfred.agents.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alfred.agents.run.TranscriptEntry;
import dev.alfred.agents.run.TranscriptRole;
import dev.alfred.agents.tools.ToolCall;
import dev.alfred.agents.tools.ToolCalls;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TranscriptMessagesTest {
    private static final String TWO_CALLS = ToolCalls.toJson(List.of(
            new ToolCall("c1", "http_get", "{\"url\":\"https://a\"}"),
            new ToolCall("c2", "http_get", "{\"url\":\"https://b\"}")));

    private static TranscriptEntry entry(int seq, TranscriptRole role, String content, String toolCalls,
            String toolCallId) {
        return new TranscriptEntry(UUID.randomUUID(), "r1", seq, seq, role, content, toolCalls, toolCallId,
                toolCallId == null ? null : "http_get", Instant.EPOCH, null);
    }

    private static List<TranscriptEntry> transcript(TranscriptEntry... tail) {
        List<TranscriptEntry> entries = new ArrayList<>(List.of(
                entry(0, TranscriptRole.SYSTEM, "be brief", null, null),
                entry(1, TranscriptRole.USER, "check a and b", null, null),
                entry(2, TranscriptRole.ASSISTANT, null, TWO_CALLS, null)));
        entries.addAll(List.of(tail));
        return entries;
    }

    @Test
    void mapsEveryRoleToTheLangChain4jMessage() {
        List<ChatMessage> messages = TranscriptMessages.toMessages(
                transcript(entry(3, TranscriptRole.TOOL_RESULT, "HTTP 200", null, "c1")));

        assertThat(messages).hasExactlyElementsOfTypes(SystemMessage.class, UserMessage.class, AiMessage.class,
                ToolExecutionResultMessage.class);
        AiMessage ai = (AiMessage) messages.get(2);
        assertThat(ai.toolExecutionRequests()).extracting(ToolExecutionRequest::id).containsExactly("c1", "c2");
        assertThat(ai.toolExecutionRequests().get(1).arguments()).isEqualTo("{\"url\":\"https://b\"}");
        ToolExecutionResultMessage result = (ToolExecutionResultMessage) messages.get(3);
        assertThat(result.id()).isEqualTo("c1");
        assertThat(result.text()).isEqualTo("HTTP 200");
    }

    @Test
    void pendingToolCallIsTheFirstWithoutAResult() {
        assertThat(ToolCalls.nextPending(transcript())).map(ToolCall::toolCallId)
                .contains("c1");
        assertThat(ToolCalls.nextPending(
                transcript(entry(3, TranscriptRole.TOOL_RESULT, "ok", null, "c1"))))
                .map(ToolCall::toolCallId).contains("c2");
    }

    @Test
    void noPendingToolCallOnceAllAreAnsweredOrTheModelAnswered() {
        assertThat(ToolCalls.nextPending(transcript(
                entry(3, TranscriptRole.TOOL_RESULT, "ok", null, "c1"),
                entry(4, TranscriptRole.TOOL_RESULT, "ok", null, "c2")))).isEmpty();
        assertThat(ToolCalls.nextPending(transcript(
                entry(3, TranscriptRole.TOOL_RESULT, "ok", null, "c1"),
                entry(4, TranscriptRole.TOOL_RESULT, "ok", null, "c2"),
                entry(5, TranscriptRole.ASSISTANT, "done", null, null)))).isEmpty();
    }
}
