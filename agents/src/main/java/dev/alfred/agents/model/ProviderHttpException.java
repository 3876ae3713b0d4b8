package dev.alfred.agents.model;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.util.Optional;

/**
 * An HTTP error from the model provider that keeps the provider's {@code Retry-After} (LangChain4j's own
 * {@link HttpException} drops response headers). LangChain4j maps it as it maps any {@link HttpException}, keeping
 * it as the cause, so callers find it in the cause chain.
 */
public class ProviderHttpException extends HttpException {
    private final transient Duration retryAfter;

    /**
     * @param retryAfter how long the provider asked to wait, or null when it did not say
     */
    public ProviderHttpException(int statusCode, String body, Duration retryAfter) {
        super(statusCode, body);
        this.retryAfter = retryAfter;
    }

    /** @return how long the provider asked to wait, if it said */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
