package dev.alfred.agents.tools.github;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * {@code alfred.github.*}: where the GitHub tools call and with which token. Filled from {@code GITHUB_TOKEN} and
 * {@code GITHUB_API_URL} by the launcher.
 *
 * <ul>
 *   <li>{@code token}: a personal access token or an installation token, sent as {@code Authorization: Bearer};
 *       unset, every GitHub tool answers with a tool error saying so</li>
 *   <li>{@code api-url}: the REST API root, default {@code https://api.github.com}; GitHub Enterprise Server uses
 *       {@code https://HOST/api/v3} (see
 *       <a href="https://docs.github.com/en/enterprise-server@latest/rest/quickstart">the GHES REST quickstart</a>)
 *       </li>
 *   <li>{@code timeout}: the whole of one HTTP exchange, default 10 s</li>
 * </ul>
 */
@ConfigurationProperties("alfred.github")
public class GitHubSettings {
    private static final String DEFAULT_API_URL = "https://api.github.com";

    @Nullable
    private String token;
    private String apiUrl = DEFAULT_API_URL;
    private Duration timeout = Duration.ofSeconds(10);

    /** @return the token, or null when none is configured */
    @Nullable
    public String getToken() {
        return token == null || token.isBlank() ? null : token.strip();
    }

    public void setToken(@Nullable String token) {
        this.token = token;
    }

    /** @return the API root without a trailing slash, e.g. {@code https://api.github.com} */
    public String getApiUrl() {
        String url = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl.strip();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public void setApiUrl(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** @return the settings without the token's value */
    @Override
    public String toString() {
        return "GitHubSettings[apiUrl=" + getApiUrl() + ", token=" + (getToken() == null ? "unset" : "set")
                + ", timeout=" + timeout + "]";
    }
}
