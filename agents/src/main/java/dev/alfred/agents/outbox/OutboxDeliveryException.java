package dev.alfred.agents.outbox;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/** A message was not delivered. */
public class OutboxDeliveryException extends RuntimeException {
    private final String error;
    private final boolean permanent;
    private final Duration retryAfter;

    /**
     * @param error      the receiver's error code, e.g. {@code ratelimited}, {@code http_503}, {@code not_in_channel}
     * @param permanent  whether trying again cannot help until a person acts (the message is then dropped and the
     *                   drop audited)
     * @param retryAfter how long the receiver asked us to wait ({@code Retry-After}), or null
     */
    public OutboxDeliveryException(String error, boolean permanent, @Nullable Duration retryAfter,
            @Nullable Throwable cause) {
        super(error, cause);
        this.error = error;
        this.permanent = permanent;
        this.retryAfter = retryAfter;
    }

    public String error() {
        return error;
    }

    public boolean permanent() {
        return permanent;
    }

    /** @return the wait the receiver asked for, or null when it did not say */
    @Nullable
    public Duration retryAfter() {
        return retryAfter;
    }
}
