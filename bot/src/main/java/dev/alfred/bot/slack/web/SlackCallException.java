package dev.alfred.bot.slack.web;

/**
 * A Slack Web API call failed. {@link #error()} is Slack's error code (e.g. {@code not_in_channel},
 * {@code ratelimited}) or {@code http_<status>} / {@code io_error} when no Slack answer came back.
 */
public class SlackCallException extends RuntimeException {
    private final String method;
    private final String error;
    private final java.time.Duration retryAfter;

    public SlackCallException(String method, String error, Throwable cause) {
        this(method, error, null, cause);
    }

    /** @param retryAfter the wait a {@code 429} asked for, or null */
    public SlackCallException(String method, String error, java.time.Duration retryAfter, Throwable cause) {
        super(method + " failed: " + error, cause);
        this.method = method;
        this.error = error;
        this.retryAfter = retryAfter;
    }

    /**
     * @param header a {@code Retry-After} header value (Slack sends seconds, per
     *               https://api.slack.com/apis/rate-limits; an HTTP-date is read too), or null
     * @return the wait, never negative, or null when the header is missing or unreadable
     */
    static java.time.Duration retryAfter(String header) {
        return dev.alfred.agents.model.ProviderHttpClient.retryAfter(java.util.Optional.ofNullable(header))
                .orElse(null);
    }

    /** @return the wait Slack asked for with a {@code 429}, or null */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    /** @return the Web API method, e.g. {@code chat.postMessage} */
    public String method() {
        return method;
    }

    /** @return Slack's error code, or {@code http_<status>} / {@code io_error} */
    public String error() {
        return error;
    }

    /**
     * @return whether a person must act before the call can work (the bot is not in the channel, the channel is
     *         gone, the token is bad), rather than a passing failure
     */
    public boolean isPermanent() {
        return switch (error) {
            case "not_in_channel", "channel_not_found", "is_archived", "invalid_auth", "not_authed",
                    "account_inactive", "token_revoked", "missing_scope", "restricted_action" -> true;
            default -> false;
        };
    }

    /**
     * @return whether the same call may succeed later without anyone acting: rate limited ({@code ratelimited},
     *         HTTP 429), Slack-side errors ({@code internal_error}, {@code fatal_error}, HTTP 5xx) and I/O failures
     */
    public boolean isTransient() {
        return error.equals("ratelimited") || error.equals("internal_error") || error.equals("fatal_error")
                || error.equals("io_error") || error.equals("http_429") || error.startsWith("http_5");
    }
}
