package dev.alfred.agents.tools.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.util.SupplierUtil;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitHub REST API as the GitHub tools use it: JSON in, JSON out, every error answer turned into a
 * {@link GitHubException} the model can read.
 *
 * <p>Every request carries the headers GitHub asks for (<a
 * href="https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api">getting started</a>):
 * {@code Accept: application/vnd.github+json}, {@code X-GitHub-Api-Version: 2022-11-28}, {@code Authorization: Bearer
 * <token>} and a {@code User-Agent}. Redirects are not followed (the token stays with the configured host); answers
 * larger than 4 MiB are refused. Error answers are mapped after <a
 * href="https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api">troubleshooting the REST
 * API</a> and <a href="https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api">rate
 * limits</a>: 401 bad credentials, 404 (missing or invisible), 422 with GitHub's {@code errors}, and 403/429 rate
 * limits with the time they lift ({@code X-RateLimit-Reset}, epoch seconds, or {@code Retry-After}, seconds).
 *
 * <p>The token is never logged and never part of a message: {@link #redact} removes it from any text.
 */
@Singleton
public class GitHubClient {
    /** What every GitHub tool answers when no token is configured. */
    public static final String NOT_CONFIGURED = "GitHub is not configured: set GITHUB_TOKEN (alfred.github.token) to "
            + "a token that can use the repository, and GITHUB_API_URL for GitHub Enterprise Server; no call was made";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(GitHubClient.class);
    private static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;
    private static final String USER_AGENT = "Alfred/0.1 (github tools)";

    private final GitHubSettings settings;
    private final Clock clock;
    /** Built on first use: a JDK client's first build reads the trust store (issue 22, start-up). */
    private final Supplier<HttpClient> http;

    public GitHubClient(GitHubSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = SupplierUtil.memoized(() -> HttpClient.newBuilder().connectTimeout(settings.getTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /** @return whether a token is configured; without one every tool answers {@link #NOT_CONFIGURED} */
    public boolean configured() {
        return settings.getToken() != null;
    }

    /**
     * {@code GET} a path under the API root.
     *
     * @param path  e.g. {@code /repos/octo/hello/issues/1}, segments already encoded ({@link #path})
     * @param query query parameters, encoded here; may be empty
     * @return the JSON answer
     * @throws GitHubException for an error answer or no answer
     */
    public JsonNode get(String path, Map<String, String> query) throws GitHubException {
        String encoded = query.entrySet().stream().map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return send("GET", encoded.isEmpty() ? path : path + "?" + encoded, null);
    }

    /**
     * {@code POST} a JSON body to a path under the API root.
     *
     * @return the JSON answer (for creations, the created object)
     * @throws GitHubException for an error answer or no answer
     */
    public JsonNode post(String path, JsonNode body) throws GitHubException {
        return send("POST", path, body);
    }

    /**
     * {@code DELETE} a path under the API root.
     *
     * @return the JSON answer ({@link MissingNode} for an empty one)
     * @throws GitHubException for an error answer or no answer
     */
    public JsonNode delete(String path) throws GitHubException {
        return send("DELETE", path, null);
    }

    /** @return {@code text} with the token replaced by {@code [redacted]} */
    public String redact(String text) {
        String token = settings.getToken();
        return token == null || text == null ? text : text.replace(token, "[redacted]");
    }

    /** @return {@code /} followed by the segments, each percent-encoded, e.g. {@code /repos/octo/hello} */
    public static String path(String... segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/').append(encode(segment).replace("+", "%20"));
        }
        return path.toString();
    }

    /** @return the hidden marker a write call with idempotency key {@code key} leaves in the body it writes */
    public static String marker(String key) {
        return "<!-- alfred-action: " + key + " -->";
    }

    private JsonNode send(String method, String pathAndQuery, @Nullable JsonNode body) throws GitHubException {
        String where = method + " " + pathAndQuery;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.getApiUrl() + pathAndQuery))
                .timeout(settings.getTimeout())
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("Authorization", "Bearer " + settings.getToken())
                .header("User-Agent", USER_AGENT);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<InputStream> response = http.get().send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            byte[] bytes;
            try (InputStream in = response.body()) {
                bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
            }
            LOG.debug("GitHub {} → {}", where, response.statusCode());
            if (bytes.length > MAX_ANSWER_BYTES) {
                throw new GitHubException(response.statusCode(), "GitHub's answer to " + where + " is larger than "
                        + MAX_ANSWER_BYTES / (1024 * 1024) + " MiB; ask for less");
            }
            JsonNode json = parse(bytes);
            if (response.statusCode() / 100 != 2) {
                throw GitHubErrors.failure(where, response.statusCode(), response.headers(), json,
                        clock.instant());
            }
            if (json == null) {
                throw new GitHubException(response.statusCode(), "GitHub answered " + where + " with something "
                        + "that is not JSON");
            }
            return json;
        } catch (HttpTimeoutException e) {
            throw new GitHubException(0, "GitHub did not answer " + where + " within "
                    + settings.getTimeout().toSeconds() + " s");
        } catch (IOException e) {
            throw new GitHubException(0, redact("could not reach GitHub at " + settings.getApiUrl() + " for " + where
                    + ": " + e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubException(0, "interrupted while calling GitHub (" + where + ")");
        }
    }

    /** @return the parsed body, {@link MissingNode} when empty, null when not JSON */
    @Nullable
    private static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
