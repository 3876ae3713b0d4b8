package dev.alfred.agents.model;

import dev.alfred.agents.tools.ToolOutput;
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
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A scripted stand-in for a language model, used by {@code ./alfred demo} when no {@code OPENAI_BASE_URL} is set.
 * It does not understand the task; it walks the whole flow so it can be seen offline, one real tool call per turn,
 * skipping any step whose tool it was not offered:
 * <ol>
 *   <li>{@code ask_human}: a clarifying question;</li>
 *   <li>{@code http_get} of the demo status page;</li>
 *   <li>{@code slack_post_message} of a summary to the demo channel (gated: it waits for approval);</li>
 *   <li>a final answer quoting what it found and what happened to the post.</li>
 * </ol>
 */
public final class OfflineDemoChatModel implements ChatModel {
    /** How the demo model is named in logs and output. */
    public static final String LABEL = "offline demo model (scripted, not a real LLM)";
    private static final int QUOTE_CHARS = 300;

    private final String demoUrl;
    private final String demoChannel;

    /**
     * @param demoUrl     the URL to fetch; without one that step is skipped
     * @param demoChannel the channel to propose posting in; without one that step is skipped
     */
    public OfflineDemoChatModel(@Nullable String demoUrl, @Nullable String demoChannel) {
        this.demoUrl = demoUrl;
        this.demoChannel = demoChannel;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        String task = messages.stream().filter(UserMessage.class::isInstance).map(UserMessage.class::cast)
                .map(UserMessage::singleText).findFirst().orElse("");
        Map<String, String> results = messages.stream().filter(ToolExecutionResultMessage.class::isInstance)
                .map(ToolExecutionResultMessage.class::cast)
                .collect(Collectors.toMap(ToolExecutionResultMessage::toolName,
                        result -> ToolOutput.content(result.text()), (first, second) -> second));
        List<String> offered = request.toolSpecifications() == null ? List.of()
                : request.toolSpecifications().stream().map(spec -> spec.name()).toList();
        Optional<ToolExecutionRequest> next = nextCall(task, results, offered);
        if (next.isPresent()) {
            return response(AiMessage.from(rationale(next.get().name()), List.of(next.get())),
                    FinishReason.TOOL_EXECUTION);
        }
        return response(AiMessage.from(answer(task, results)), FinishReason.STOP);
    }

    private Optional<ToolExecutionRequest> nextCall(String task, Map<String, String> results, List<String> offered) {
        if (offered.contains("ask_human") && !results.containsKey("ask_human")) {
            return Optional.of(call("ask_human", Map.of("question", "Before I start: shall I also post a short "
                    + "summary of what I find in this channel?")));
        }
        if (demoUrl != null && offered.contains("http_get") && !results.containsKey("http_get")) {
            return Optional.of(call("http_get", Map.of("url", demoUrl)));
        }
        if (demoChannel != null && offered.contains("slack_post_message") && !results.containsKey("slack_post_message")
                && results.containsKey("http_get")) {
            return Optional.of(call("slack_post_message", Map.of("channel", demoChannel, "text",
                    "Status check for \"" + task + "\": " + firstLine(results.get("http_get")))));
        }
        return Optional.empty();
    }

    private static String rationale(String tool) {
        return switch (tool) {
            case "ask_human" -> "The task leaves open whether to share the result.";
            case "http_get" -> "I'll read the service status page.";
            default -> "You asked me to share what I found, so I'd like to post a summary.";
        };
    }

    private String answer(String task, Map<String, String> results) {
        StringBuilder answer = new StringBuilder("(" + LABEL + ") For your task \"" + task + "\":");
        if (results.containsKey("ask_human")) {
            answer.append("\n• You said: ").append(results.get("ask_human"));
        }
        if (results.containsKey("http_get")) {
            answer.append("\n• I fetched ").append(demoUrl).append(" with http_get. It answered:\n")
                    .append(quote(results.get("http_get")));
        }
        if (results.containsKey("slack_post_message")) {
            answer.append("\n• Posting the summary: ").append(results.get("slack_post_message"));
        }
        if (results.isEmpty()) {
            answer.append(" I have no tools to look anything up, so I can only repeat it.");
        }
        return answer.toString();
    }

    private static ToolExecutionRequest call(String name, Map<String, String> arguments) {
        String json = arguments.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"")
                        .replace("\n", " ") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        return ToolExecutionRequest.builder().id("demo-" + name).name(name).arguments(json).build();
    }

    private static String firstLine(String text) {
        String body = text.contains("\n\n") ? text.substring(text.indexOf("\n\n") + 2) : text;
        String line = body.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
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
