package dev.alfred.agents.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.alfred.agents.catalog.ModelChoice;
import dev.alfred.agents.model.FakeModelProvider.Reply;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How ModelErrors sorts the failures the providers' real clients throw, answered by a fake provider. */
class ModelErrorsTest {
    private static final ChatRequest ASK = ChatRequest.builder().messages(UserMessage.from("Status?")).build();

    private final FakeModelProvider provider = FakeModelProvider.start();

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    private Throwable failureOf(ModelChoice choice) {
        ModelSettings settings = new ModelSettings();
        settings.setAnthropicApiKey("sk-ant-test");
        settings.setAnthropicBaseUrl(provider.baseUrl() + "/v1");
        settings.setOllamaBaseUrl(provider.baseUrl());
        settings.setBaseUrl(provider.baseUrl() + "/v1");
        settings.setTimeout(Duration.ofSeconds(5));
        return catchThrowable(() -> new ChatModels(settings).model(choice).orElseThrow().chat(ASK));
    }

    @Test
    void anthropicRateLimitIsARateLimitWithItsRetryAfterAndIsNotRetriedNow() {
        provider.answering(request -> Reply.json(429, "{\"type\": \"error\", \"error\": {\"type\": "
                + "\"rate_limit_error\", \"message\": \"slow down\"}}").withHeader("Retry-After", "7"));

        Throwable failure = failureOf(new ModelChoice("anthropic", "claude-sonnet-4-5"));

        assertThat(ModelErrors.isRateLimit(failure)).isTrue();
        assertThat(ModelErrors.isTransient(failure)).isTrue();
        assertThat(ModelErrors.isRetriableNow(failure)).isFalse();
        assertThat(ModelErrors.retryAfter(failure)).contains(Duration.ofSeconds(7));
        assertThat(ModelErrors.describe(failure)).startsWith("HTTP 429 from the model endpoint: ")
                .contains("rate_limit_error");
    }

    @Test
    void ollamaUnavailableIsTransientAndRetriedNow() {
        provider.answering(request -> Reply.json(503, "{\"error\": \"server busy, please try again\"}"));

        Throwable failure = failureOf(new ModelChoice("ollama", "llama3.1"));

        assertThat(ModelErrors.isTransient(failure)).isTrue();
        assertThat(ModelErrors.isRetriableNow(failure)).isTrue();
        assertThat(ModelErrors.isRateLimit(failure)).isFalse();
        assertThat(ModelErrors.retryAfter(failure)).isEmpty();
        assertThat(ModelErrors.describe(failure)).startsWith("HTTP 503 from the model endpoint: ")
                .contains("server busy");
    }

    @Test
    void aRefusedRequestIsPermanent() {
        provider.answering(request -> Reply.json(401, "{\"error\": {\"message\": \"Incorrect API key provided\"}}"));

        Throwable failure = failureOf(ModelChoice.configuredDefault());

        assertThat(ModelErrors.isTransient(failure)).isFalse();
        assertThat(ModelErrors.isRateLimit(failure)).isFalse();
        assertThat(ModelErrors.describe(failure)).startsWith("HTTP 401 from the model endpoint: ")
                .contains("Incorrect API key");
    }

    @Test
    void aProviderThatIsNotListeningIsTransient() {
        provider.close();

        Throwable failure = failureOf(new ModelChoice("ollama", "llama3.1"));

        assertThat(ModelErrors.isTransient(failure)).isTrue();
        assertThat(ModelErrors.isRetriableNow(failure)).isTrue();
    }
}
