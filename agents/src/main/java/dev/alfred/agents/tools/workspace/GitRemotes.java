package dev.alfred.agents.tools.workspace;

import io.micronaut.core.annotation.Nullable;
import java.net.URI;

/**
 * Turns {@code owner/name} into a clone URL with the {@code ALFRED_GIT_URL} prefix, and says whether that URL is on
 * GitHub: an {@code https} URL whose host is the GitHub the API token belongs to ({@code github.com} for the default
 * {@code https://api.github.com}, else the host of {@code GITHUB_API_URL}, as GitHub Enterprise Server serves both
 * from one host). Only then is {@code GITHUB_TOKEN} offered to git, and a push opens a pull request.
 */
final class GitRemotes {
    private final String prefix;
    @Nullable
    private final String githubHost;

    /**
     * @param prefix    {@code ALFRED_GIT_URL}, ending in {@code /}
     * @param githubApi {@code GITHUB_API_URL}, e.g. {@code https://api.github.com}
     */
    GitRemotes(String prefix, String githubApi) {
        this.prefix = prefix;
        String gitHost = host(prefix);
        String apiHost = host(githubApi);
        String tokenHost = "api.github.com".equals(apiHost) ? "github.com" : apiHost;
        this.githubHost = prefix.startsWith("https://") && gitHost != null && gitHost.equals(tokenHost) ? gitHost
                : null;
    }

    /** @return the clone URL of {@code owner/name} */
    String url(String repo) {
        return prefix + repo;
    }

    /** @return the GitHub host of the clone URLs, or null when they are not on GitHub */
    @Nullable
    String githubHost() {
        return githubHost;
    }

    @Nullable
    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? null : host.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
