package dev.alfred.agents.tools.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns GitHub's error answers into {@link GitHubException}s for the model, after <a
 * href="https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api">troubleshooting the REST
 * API</a> and <a href="https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api">rate limits
 * for the REST API</a>.
 */
final class GitHubErrors {
    private GitHubErrors() {
    }

    /**
     * @param where  the request, e.g. {@code GET /repos/octo/hello/issues/1}
     * @param status the HTTP status, not 2xx
     * @param json   the answer's body, null when it was not JSON
     * @param now    to say how long until a rate limit lifts
     * @return the failure, its message naming the request, GitHub's {@code message}, and for 422 its {@code errors}
     */
    static GitHubException failure(String where, int status, HttpHeaders headers,
            @Nullable JsonNode json, Instant now) {
        String message = json == null ? "" : json.path("message").asText("");
        Optional<String> remaining = headers.firstValue("x-ratelimit-remaining");
        Optional<String> retryAfter = headers.firstValue("retry-after");
        if ((status == 403 || status == 429) && (remaining.filter("0"::equals).isPresent()
                || retryAfter.isPresent())) {
            return new GitHubException(status, "GitHub's rate limit was hit (HTTP " + status
                    + (message.isEmpty() ? "" : ": " + message) + ") for " + where + "; "
                    + liftsAt(headers, retryAfter, now) + ". Nothing was changed; try again after that.");
        }
        if (status / 100 == 3) {
            return new GitHubException(status, "GitHub answered " + where + " with HTTP " + status
                    + " (moved to " + headers.firstValue("location").orElse("an unnamed place")
                    + "): the repository was probably renamed or transferred; use its new name");
        }
        String detail = message.isEmpty() ? "" : " " + message;
        String hint = switch (status) {
            case 401 -> ": the token was refused; check GITHUB_TOKEN";
            case 404 -> ": it does not exist, or the token cannot see it";
            case 422 -> validationErrors(json);
            default -> "";
        };
        return new GitHubException(status, "GitHub answered HTTP " + status + detail + " for " + where + hint);
    }

    private static String liftsAt(HttpHeaders headers, Optional<String> retryAfter, Instant now) {
        if (retryAfter.isPresent()) {
            return "retry after " + retryAfter.get().strip() + " s";
        }
        try {
            Instant reset = Instant.ofEpochSecond(Long.parseLong(
                    headers.firstValue("x-ratelimit-reset").orElse("").strip()));
            long seconds = Math.max(0, reset.getEpochSecond() - now.getEpochSecond());
            return "it resets at " + reset + " (in " + seconds + " s)";
        } catch (NumberFormatException e) {
            return "GitHub did not say when it resets (wait a minute or more)";
        }
    }

    private static String validationErrors(@Nullable JsonNode json) {
        if (json == null || !json.path("errors").isArray() || json.path("errors").isEmpty()) {
            return "";
        }
        StringBuilder errors = new StringBuilder(": ");
        for (JsonNode error : json.path("errors")) {
            if (errors.length() > 2) {
                errors.append("; ");
            }
            if (error.isTextual()) {
                errors.append(error.asText());
            } else if (error.hasNonNull("message")) {
                errors.append(error.path("message").asText());
            } else {
                errors.append(error.path("resource").asText("?")).append('.')
                        .append(error.path("field").asText("?")).append(' ').append(error.path("code").asText());
            }
        }
        return errors.toString();
    }
}
