package dev.alfred.agents.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.alfred.agents.catalog.AgentDefinition;
import dev.alfred.agents.catalog.ModelChoice;
import dev.alfred.agents.model.FakeModelProvider.Reply;
import dev.alfred.agents.model.FakeModelProvider.Request;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelCallsFallbackTest {
    private static final int MAX_RETRIES = 2;
    private static final ModelChoice PRIMARY = new ModelChoice("openai", "primary");
    private static final ModelChoice BACKUP = new ModelChoice("openai", "backup");
    private static final ChatRequest ASK = ChatRequest.builder().messages(UserMessage.from("Is it up?")).build();

    private final FakeModelProvider provider = FakeModelProvider.start();

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    @Test
    void theFallbackAnswersOnceThePrimaryHasFailedEveryRetry() {
        answering(Map.of("primary", request -> failure(500, "primary is down"),
                "backup", request -> text("backup", "It is up.")));

        ModelCalls.Answer answer = calls().chat(agent(PRIMARY, BACKUP), ASK);

        assertThat(answer.response().aiMessage().text()).isEqualTo("It is up.");
        assertThat(answer.fallback()).isTrue();
        assertThat(answer.model()).isEqualTo("backup");
        assertThat(answer.label()).isEqualTo("backup at " + provider.baseUrl() + "/v1");
        assertThat(answer.firstFailure()).startsWith("primary: HTTP 500 from the model endpoint: ")
                .contains("primary is down");
        assertThat(requestsFor("primary")).hasSize(1 + MAX_RETRIES);
        assertThat(requestsFor("backup")).hasSize(1);
    }

    @Test
    void theFallbackIsNotCalledWhenThePrimaryAnswers() {
        answering(Map.of("primary", request -> text("primary", "It is up."),
                "backup", request -> text("backup", "Never asked.")));

        ModelCalls.Answer answer = calls().chat(agent(PRIMARY, BACKUP), ASK);

        assertThat(answer.response().aiMessage().text()).isEqualTo("It is up.");
        assertThat(answer.fallback()).isFalse();
        assertThat(answer.model()).isEqualTo("primary");
        assertThat(answer.firstFailure()).isNull();
        assertThat(answer.response().tokenUsage().inputTokenCount()).isEqualTo(12);
        assertThat(requestsFor("primary")).hasSize(1);
        assertThat(requestsFor("backup")).isEmpty();
    }

    @Test
    void aPrimaryThatAnswersAfterARetryKeepsTheFallbackUncalled() {
        answering(Map.of("primary", request -> requestsFor("primary").size() == 1
                        ? failure(502, "bad gateway") : text("primary", "It is up."),
                "backup", request -> text("backup", "Never asked.")));

        ModelCalls.Answer answer = calls().chat(agent(PRIMARY, BACKUP), ASK);

        assertThat(answer.fallback()).isFalse();
        assertThat(requestsFor("primary")).hasSize(2);
        assertThat(requestsFor("backup")).isEmpty();
    }

    @Test
    void aToolCallWithoutTextIsAnAnswer() {
        answering(Map.of("primary", request -> toolCall("primary"),
                "backup", request -> text("backup", "Never asked.")));

        ModelCalls.Answer answer = calls().chat(agent(PRIMARY, BACKUP), ASK);

        assertThat(answer.fallback()).isFalse();
        assertThat(answer.response().aiMessage().toolExecutionRequests()).singleElement()
                .satisfies(call -> assertThat(call.name()).isEqualTo("http_get"));
        assertThat(requestsFor("backup")).isEmpty();
    }

    @Test
    void anEmptyAnswerGoesToTheFallbackWithoutRetries() {
        answering(Map.of("primary", request -> text("primary", ""),
                "backup", request -> text("backup", "It is up.")));

        ModelCalls.Answer answer = calls().chat(agent(PRIMARY, BACKUP), ASK);

        assertThat(answer.response().aiMessage().text()).isEqualTo("It is up.");
        assertThat(answer.fallback()).isTrue();
        assertThat(answer.firstFailure()).isEqualTo("primary: it returned an empty answer");
        assertThat(requestsFor("primary")).hasSize(1);
        assertThat(requestsFor("backup")).hasSize(1);
    }

    @Test
    void anEmptyAnswerIsReturnedAsItIsWhenTheAgentHasNoFallback() {
        answering(Map.of("primary", request -> text("primary", "")));

        ModelCalls.Answer answer = calls().chat(agent(PRIMARY, null), ASK);

        assertThat(answer.fallback()).isFalse();
        assertThat(answer.response().aiMessage().text()).isNullOrEmpty();
        assertThat(requestsFor("primary")).hasSize(1);
    }

    @Test
    void whenBothFailThePrimarysFailureIsThrownWithTheFallbacksSuppressed() {
        answering(Map.of("primary", request -> failure(500, "primary is down"),
                "backup", request -> failure(503, "backup is down")));

        Throwable thrown = catchThrowable(() -> calls().chat(agent(PRIMARY, BACKUP), ASK));

        assertThat(ModelErrors.describe(thrown)).contains("HTTP 500").contains("primary is down");
        assertThat(thrown.getSuppressed()).singleElement()
                .satisfies(suppressed -> assertThat(ModelErrors.describe(suppressed)).contains("HTTP 503"));
        assertThat(requestsFor("primary")).hasSize(1 + MAX_RETRIES);
        assertThat(requestsFor("backup")).hasSize(1 + MAX_RETRIES);
    }

    @Test
    void aRateLimitedPrimaryGoesToTheFallbackAtOnce() {
        answering(Map.of("primary", request -> failure(429, "rate_limit_exceeded").withHeader("Retry-After", "20"),
                "backup", request -> text("backup", "It is up.")));

        ModelCalls.Answer answer = calls().chat(agent(PRIMARY, BACKUP), ASK);

        assertThat(answer.fallback()).isTrue();
        assertThat(answer.firstFailure()).startsWith("primary: HTTP 429");
        assertThat(requestsFor("primary")).hasSize(1);
        assertThat(requestsFor("backup")).hasSize(1);
    }

    @Test
    void aRateLimitIsThrownAfterOneCallWhenTheFallbackIsRateLimitedToo() {
        answering(Map.of("primary", request -> failure(429, "rate_limit_exceeded").withHeader("Retry-After", "20"),
                "backup", request -> failure(429, "insufficient_quota")));
        ModelCalls calls = calls();

        Throwable thrown = catchThrowable(() -> calls.chat(agent(PRIMARY, BACKUP), ASK));

        assertThat(ModelErrors.isRateLimit(thrown)).isTrue();
        assertThat(calls.blockFor(thrown)).isEqualTo(Duration.ofSeconds(20));
        assertThat(requestsFor("primary")).hasSize(1);
        assertThat(requestsFor("backup")).hasSize(1);
    }

    @Test
    void anUnconfiguredPrimaryGoesStraightToTheFallback() {
        answering(Map.of("backup", request -> text("backup", "It is up.")));
        ModelChoice claude = new ModelChoice("anthropic", "claude-sonnet-4-5");
        ModelCalls calls = calls();

        ModelCalls.Answer answer = calls.chat(agent(claude, BACKUP), ASK);

        assertThat(answer.fallback()).isTrue();
        assertThat(answer.firstFailure()).isEqualTo("claude-sonnet-4-5: it is not configured");
        assertThat(calls.unavailable(agent(claude, BACKUP))).isEmpty();
        assertThat(calls.unavailable(agent(claude, null))).get(STRING)
                .contains("ANTHROPIC_API_KEY");
    }

    @Test
    void aPermanentFailureOfThePrimaryIsNotRetried() {
        answering(Map.of("primary", request -> failure(400, "model does not exist"),
                "backup", request -> text("backup", "It is up.")));

        ModelCalls.Answer answer = calls().chat(agent(PRIMARY, BACKUP), ASK);

        assertThat(answer.fallback()).isTrue();
        assertThat(requestsFor("primary")).hasSize(1);
        Throwable alone = catchThrowable(() -> calls().chat(agent(PRIMARY, null), ASK));
        assertThat(alone).hasRootCauseInstanceOf(ProviderHttpException.class);
        assertThat(requestsFor("primary")).hasSize(2);
    }

    private ModelCalls calls() {
        ModelSettings settings = new ModelSettings();
        settings.setBaseUrl(provider.baseUrl() + "/v1");
        settings.setApiKey("sk-test");
        settings.setTimeout(Duration.ofSeconds(5));
        settings.setMaxRetries(MAX_RETRIES);
        settings.setRetryDelay(Duration.ofMillis(1));
        settings.setRetryMaxDelay(Duration.ofMillis(2));
        return new ModelCalls(new ChatModels(settings), settings);
    }

    private static AgentDefinition agent(ModelChoice model, ModelChoice fallback) {
        return new AgentDefinition("oracle", "Checks services.", "You are Oracle.", model, fallback, List.of(),
                null, null, null);
    }

    /** Answers each chat completion by the model it names; other paths or models get a 404. */
    private void answering(Map<String, Function<Request, Reply>> byModel) {
        provider.answering(request -> request.path().equals("/v1/chat/completions")
                && byModel.containsKey(request.model()) ? byModel.get(request.model()).apply(request)
                : failure(404, "no such model"));
    }

    private List<Request> requestsFor(String model) {
        return provider.requests(request -> request.model().equals(model));
    }

    private static Reply text(String model, String content) {
        return completion(model, "{\"role\": \"assistant\", \"content\": \"" + content + "\"}", "stop");
    }

    private static Reply toolCall(String model) {
        return completion(model, """
                {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
                 "function": {"name": "http_get", "arguments": "{\\"url\\": \\"https://status.example.com\\"}"}}]}
                """, "tool_calls");
    }

    private static Reply completion(String model, String message, String finishReason) {
        return Reply.json(200, """
                {"id": "chatcmpl-1", "object": "chat.completion", "created": 1700000000, "model": "%s",
                 "choices": [{"index": 0, "message": %s, "finish_reason": "%s"}],
                 "usage": {"prompt_tokens": 12, "completion_tokens": 3, "total_tokens": 15}}
                """.formatted(model, message, finishReason));
    }

    private static Reply failure(int status, String message) {
        return Reply.json(status, "{\"error\": {\"message\": \"" + message + "\", \"type\": \"server_error\"}}");
    }
}
