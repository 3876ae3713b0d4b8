package dev.alfred.agents.model;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Sorts model-call failures into transient (retry the step) and permanent (fail the run), and words them. */
public final class ModelErrors {
    private ModelErrors() {
    }

    /** @return whether retrying the same call later may succeed: timeouts, 5xx, 429, lost connections */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NonRetriableException) {
                return false;
            }
            if (t instanceof RetriableException || t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
            if (t instanceof HttpException http) {
                return http.statusCode() == 429 || http.statusCode() >= 500;
            }
        }
        return false;
    }

    /**
     * @return whether the provider said Alfred is rate-limited or out of quota: HTTP 429, which OpenAI-compatible
     *         servers answer for both ({@code rate_limit_exceeded}, {@code insufficient_quota}); such a failure
     *         blocks the fleet instead of being retried
     */
    public static boolean isRateLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof dev.langchain4j.exception.RateLimitException) {
                return true;
            }
            if (t instanceof HttpException http && http.statusCode() == 429) {
                return true;
            }
        }
        return false;
    }

    /** @return whether to retry the call inside the step: transient, and not a rate limit */
    static boolean isRetriableNow(Throwable e) {
        return isTransient(e) && !isRateLimit(e);
    }

    /** @return the provider's {@code Retry-After}, when the failure carries one */
    static java.util.Optional<java.time.Duration> retryAfter(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof dev.alfred.agents.model.ProviderHttpException provider) {
                return provider.retryAfter();
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * @return a one-line description a person can act on, e.g. {@code HTTP 401 from the model endpoint: …}: the
     *         provider's error summarised (its first line, at most 300 characters), never forwarded whole, and
     *         redacted ({@link dev.alfred.agents.redaction.Redaction}), since some providers echo the API key
     */
    public static String describe(Throwable e) {
        return dev.alfred.agents.redaction.Redaction.redact(unredacted(e));
    }

    private static String unredacted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                return "HTTP " + http.statusCode() + " from the model endpoint: " + firstLine(http.getMessage());
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + firstLine(root.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
