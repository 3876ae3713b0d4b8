package dev.alfred.agents.runtime;

import dev.alfred.agents.model.ChatModels;
import dev.alfred.agents.model.ModelSettings;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model call with the runtime's failure handling: transient failures (5xx, timeouts, lost connections) are
 * retried inside the step with exponential backoff ({@code alfred.model.max-retries}, {@code retry-delay} doubling up
 * to {@code retry-max-delay}); a rate limit or quota answer is never retried here, so the caller can block the fleet
 * after a single provider call.
 */
@Singleton
public class ModelCalls {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCalls.class);

    private final ChatModels models;
    private final ModelSettings settings;
    private final RetryPolicy<ChatResponse> retries;

    public ModelCalls(ChatModels models, ModelSettings settings) {
        this.models = models;
        this.settings = settings;
        this.retries = RetryPolicy.<ChatResponse>builder()
                .handleIf(ModelErrors::isRetriableNow)
                .withBackoff(settings.getRetryDelay(), settings.getRetryMaxDelay().compareTo(settings.getRetryDelay())
                        > 0 ? settings.getRetryMaxDelay() : settings.getRetryDelay().multipliedBy(2))
                .withMaxRetries(Math.max(0, settings.getMaxRetries()))
                .onRetry(event -> LOG.warn("model call failed ({}), retry {} of {}", ModelErrors.describe(
                        event.getLastException()), event.getAttemptCount(), settings.getMaxRetries()))
                .build();
    }

    /** @return whether a model is configured */
    public boolean configured() {
        return models.model().isPresent();
    }

    /** @return the model's configured name, the key of its price */
    public String name() {
        return models.name();
    }

    /** @return the model's name and endpoint, for the audit log */
    public String label() {
        return models.label();
    }

    /**
     * Calls the model, retrying transient failures.
     *
     * @throws RuntimeException the last failure: a rate limit (see {@link ModelErrors#isRateLimit}), a transient failure that
     *                          outlasted the retries, or a permanent one
     * @throws IllegalStateException when no model is configured
     */
    public ChatResponse chat(ChatRequest request) {
        var model = models.model().orElseThrow(() -> new IllegalStateException(ChatModels.MISSING_CONFIGURATION));
        return Failsafe.with(retries).get(() -> model.chat(request));
    }

    /** @return how long to block the fleet after a rate limit: the provider's {@code Retry-After}, or the default */
    public Duration blockFor(Throwable e) {
        Duration wait = ModelErrors.retryAfter(e).orElse(settings.getRateLimitBlock());
        return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
    }
}
