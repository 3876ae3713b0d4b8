package dev.alfred.agents.model;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * A scripted stand-in for a language model, used by {@code ./alfred demo} when no {@code OPENAI_BASE_URL} is set.
 * It makes one real {@code http_get} call to the demo URL, then answers from the tool result. It does not
 * understand the task; it exists so the whole flow runs offline.
 */
public final class OfflineDemoChatModel implements ChatModel {
    /** How the demo model is named in logs and output. */
    public static final String LABEL = "offline demo model (scripted, not a real LLM)";
    private static final int QUOTE_CHARS = 400;

    private final String demoUrl;

    /** @param demoUrl the URL to fetch; without one the model answers at once */
    public OfflineDemoChatModel(@Nullable String demoUrl) {
        this.demoUrl = demoUrl;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        String task = messages.stream().filter(UserMessage.class::isInstance).map(UserMessage.class::cast)
                .map(UserMessage::singleText).findFirst().orElse("");
        ToolExecutionResultMessage result = messages.stream()
                .filter(ToolExecutionResultMessage.class::isInstance).map(ToolExecutionResultMessage.class::cast)
                .reduce((first, second) -> second).orElse(null);
        boolean canFetch = demoUrl != null && request.toolSpecifications() != null
                && request.toolSpecifications().stream().anyMatch(spec -> spec.name().equals("http_get"));
        if (result == null && canFetch) {
            ToolExecutionRequest call = ToolExecutionRequest.builder()
                    .id("demo-call-1").name("http_get").arguments("{\"url\":\"" + demoUrl + "\"}").build();
            return response(AiMessage.from(List.of(call)), FinishReason.TOOL_EXECUTION);
        }
        String answer = result == null
                ? "(" + LABEL + ") I have no tools to look anything up, so I can only repeat the task: " + task
                : "(" + LABEL + ") For your task \"" + task + "\" I fetched " + demoUrl + " with http_get. "
                        + "It answered:\n" + quote(result.text());
        return response(AiMessage.from(answer), FinishReason.STOP);
    }

    private static String quote(String text) {
        String cut = text.length() > QUOTE_CHARS ? text.substring(0, QUOTE_CHARS) + "…" : text;
        return "> " + cut.strip().replace("\n", "\n> ");
    }

    private static ChatResponse response(AiMessage message, FinishReason reason) {
        return ChatResponse.builder().aiMessage(message).finishReason(reason)
                .tokenUsage(new TokenUsage(0, 0)).modelName("offline-demo").build();
    }
}
