package dev.alfred.agents.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.catalog.ModelChoice;
import dev.alfred.agents.model.FakeModelProvider.Reply;
import dev.alfred.agents.model.FakeModelProvider.Request;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatModelsProvidersTest {
    private static final ModelChoice CLAUDE = new ModelChoice("anthropic", "claude-sonnet-4-5");
    private static final ModelChoice LLAMA = new ModelChoice("ollama", "llama3.1");
    private static final ToolSpecification HTTP_GET = ToolSpecification.builder()
            .name("http_get")
            .description("Fetches a URL. Risk tier: read.")
            .parameters(JsonObjectSchema.builder().addStringProperty("url", "the URL to fetch").required("url").build())
            .build();
    private static final ChatRequest ASK = ChatRequest.builder()
            .messages(SystemMessage.from("You are Oracle."), UserMessage.from("Is the status page green?"))
            .toolSpecifications(HTTP_GET)
            .build();

    private final FakeModelProvider provider = FakeModelProvider.start();

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    private ChatModels models() {
        ModelSettings settings = new ModelSettings();
        settings.setAnthropicApiKey("sk-ant-test");
        settings.setAnthropicBaseUrl(provider.baseUrl() + "/v1");
        settings.setOllamaBaseUrl(provider.baseUrl());
        settings.setTimeout(Duration.ofSeconds(5));
        return new ChatModels(settings);
    }

    private ChatModel model(ModelChoice choice) {
        return models().model(choice).orElseThrow();
    }

    @Test
    void anthropicAnswersWithTextThroughTheMessagesApi() {
        provider.answering(request -> Reply.json(200, """
                {"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [{"type": "text", "text": "The status page is green."}],
                 "stop_reason": "end_turn", "stop_sequence": null,
                 "usage": {"input_tokens": 31, "output_tokens": 7}}
                """));

        ChatResponse response = model(CLAUDE).chat(ASK);

        assertThat(response.aiMessage().text()).isEqualTo("The status page is green.");
        assertThat(response.aiMessage().hasToolExecutionRequests()).isFalse();
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(31);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(7);
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        Request sent = provider.requests().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo("sk-ant-test");
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        JsonNode body = sent.json();
        assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(ChatModels.ANTHROPIC_MAX_TOKENS);
        assertThat(body.path("system").toString()).contains("You are Oracle.");
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(0).toString()).contains("Is the status page green?");
        JsonNode tool = body.path("tools").get(0);
        assertThat(tool.path("name").asText()).isEqualTo("http_get");
        assertThat(tool.path("description").asText()).isEqualTo("Fetches a URL. Risk tier: read.");
        assertThat(tool.path("input_schema").path("type").asText()).isEqualTo("object");
        assertThat(tool.path("input_schema").path("properties").path("url").path("type").asText())
                .isEqualTo("string");
        assertThat(tool.path("input_schema").path("required").toString()).isEqualTo("[\"url\"]");
    }

    @Test
    void anthropicToolUseBecomesAToolCall() {
        provider.answering(request -> Reply.json(200, """
                {"id": "msg_02", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [{"type": "text", "text": "I will fetch it."},
                             {"type": "tool_use", "id": "toolu_01", "name": "http_get",
                              "input": {"url": "https://status.example.com"}}],
                 "stop_reason": "tool_use", "stop_sequence": null,
                 "usage": {"input_tokens": 40, "output_tokens": 22}}
                """));

        ChatResponse response = model(CLAUDE).chat(ASK);

        assertThat(response.aiMessage().toolExecutionRequests()).singleElement().satisfies(call -> {
            assertThat(call.id()).isEqualTo("toolu_01");
            assertThat(call.name()).isEqualTo("http_get");
            assertThat(call.arguments()).isEqualToIgnoringWhitespace("{\"url\":\"https://status.example.com\"}");
        });
        assertThat(response.aiMessage().text()).isEqualTo("I will fetch it.");
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(40);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(22);
    }

    @Test
    void ollamaAnswersWithTextThroughTheChatApi() {
        provider.answering(request -> Reply.json(200, """
                {"model": "llama3.1", "created_at": "2025-06-01T10:00:00.000000Z",
                 "message": {"role": "assistant", "content": "The status page is green."},
                 "done": true, "done_reason": "stop", "total_duration": 1200000,
                 "prompt_eval_count": 52, "eval_count": 9}
                """));

        ChatResponse response = model(LLAMA).chat(ASK);

        assertThat(response.aiMessage().text()).isEqualTo("The status page is green.");
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(52);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(9);
        Request sent = provider.requests().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/api/chat");
        JsonNode body = sent.json();
        assertThat(body.path("model").asText()).isEqualTo("llama3.1");
        assertThat(body.path("stream").asBoolean(true)).isFalse();
        assertThat(body.path("messages")).hasSize(2);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("You are Oracle.");
        assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("Is the status page green?");
        JsonNode function = body.path("tools").get(0).path("function");
        assertThat(body.path("tools").get(0).path("type").asText()).isEqualTo("function");
        assertThat(function.path("name").asText()).isEqualTo("http_get");
        assertThat(function.path("parameters").path("properties").path("url").path("type").asText())
                .isEqualTo("string");
    }

    @Test
    void ollamaToolCallsBecomeToolCalls() {
        provider.answering(request -> Reply.json(200, """
                {"model": "llama3.1", "created_at": "2025-06-01T10:00:00.000000Z",
                 "message": {"role": "assistant", "content": "",
                             "tool_calls": [{"function": {"name": "http_get",
                                                          "arguments": {"url": "https://status.example.com"}}}]},
                 "done": true, "done_reason": "stop", "prompt_eval_count": 60, "eval_count": 18}
                """));

        ChatResponse response = model(LLAMA).chat(ASK);

        assertThat(response.aiMessage().toolExecutionRequests()).extracting(ToolExecutionRequest::name)
                .containsExactly("http_get");
        assertThat(response.aiMessage().toolExecutionRequests().get(0).arguments())
                .isEqualToIgnoringWhitespace("{\"url\":\"https://status.example.com\"}");
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(60);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(18);
    }

    @Test
    void anthropicRateLimitSurfacesWithItsStatusAndRetryAfter() {
        provider.answering(request -> Reply.json(429, """
                {"type": "error", "error": {"type": "rate_limit_error", "message": "Number of request tokens has \
                exceeded your per-minute rate limit"}}
                """).withHeader("Retry-After", "7"));

        Throwable failure = catchThrowable(() -> model(CLAUDE).chat(ASK));

        assertThat(failure).hasRootCauseInstanceOf(ProviderHttpException.class);
        ProviderHttpException http = (ProviderHttpException) rootCause(failure);
        assertThat(http.statusCode()).isEqualTo(429);
        assertThat(http.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(http.getMessage()).contains("rate_limit_error");
        assertThat(provider.requests()).as("ChatModels leaves retries to ModelCalls").hasSize(1);
    }

    @Test
    void ollamaUnavailableSurfacesWithItsStatus() {
        provider.answering(request -> Reply.json(503, "{\"error\": \"server busy, please try again\"}"));

        Throwable failure = catchThrowable(() -> model(LLAMA).chat(ASK));

        assertThat(failure).hasRootCauseInstanceOf(ProviderHttpException.class);
        ProviderHttpException http = (ProviderHttpException) rootCause(failure);
        assertThat(http.statusCode()).isEqualTo(503);
        assertThat(http.retryAfter()).isEmpty();
        assertThat(provider.requests()).as("ChatModels leaves retries to ModelCalls").hasSize(1);
    }

    @Test
    void anUnconfiguredProviderHasNoModelAndSaysWhatToSet() {
        ModelSettings settings = new ModelSettings();
        settings.setOllamaBaseUrl(" ");
        ChatModels models = new ChatModels(settings);

        assertThat(models.model(CLAUDE)).isEmpty();
        assertThat(models.missing(CLAUDE)).contains("anthropic/claude-sonnet-4-5").contains("ANTHROPIC_API_KEY");
        assertThat(models.label(CLAUDE)).isEqualTo("none");
        assertThat(models.model(LLAMA)).isEmpty();
        assertThat(models.missing(LLAMA)).contains("OLLAMA_BASE_URL");
        assertThat(models.model()).isEmpty();
        assertThat(models.missing(ModelChoice.configuredDefault())).isEqualTo(ChatModels.MISSING_CONFIGURATION);
    }

    @Test
    void eachChoiceIsBuiltOnceAndLabelledWithItsEndpoint() {
        ChatModels models = models();

        assertThat(models.model(CLAUDE).orElseThrow()).isSameAs(models.model(CLAUDE).orElseThrow());
        assertThat(models.label(CLAUDE)).isEqualTo("claude-sonnet-4-5 at " + provider.baseUrl() + "/v1");
        assertThat(models.label(LLAMA)).isEqualTo("llama3.1 at " + provider.baseUrl());
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }
}
