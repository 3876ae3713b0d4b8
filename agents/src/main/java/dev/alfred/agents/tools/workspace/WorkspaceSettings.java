package dev.alfred.agents.tools.workspace;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code alfred.workspace.*}: where workspaces clone from and what they may use.
 *
 * <ul>
 *   <li>{@code git-url}: the prefix that turns {@code owner/name} into a clone URL ({@code ALFRED_GIT_URL}, default
 *       {@code https://github.com/}; {@code file:///srv/git/} works, which is how the tests run)</li>
 *   <li>{@code max-disk}: bytes a worktree may use before writes and commands are refused (default 2 GiB)</li>
 *   <li>{@code git-timeout}: the longest one git command may take, a fetch included (default 5 minutes)</li>
 *   <li>{@code author-name}, {@code author-email}: who commits ({@code Alfred}, {@code alfred@localhost})</li>
 * </ul>
 */
@ConfigurationProperties("alfred.workspace")
public class WorkspaceSettings {
    private String gitUrl = "https://github.com/";
    private long maxDisk = 2L * 1024 * 1024 * 1024;
    private Duration gitTimeout = Duration.ofMinutes(5);
    private String authorName = "Alfred";
    private String authorEmail = "alfred@localhost";

    /** @return the prefix, ending in {@code /} */
    public String getGitUrl() {
        String url = gitUrl == null || gitUrl.isBlank() ? "https://github.com/" : gitUrl.strip();
        return url.endsWith("/") ? url : url + "/";
    }

    public void setGitUrl(String gitUrl) {
        this.gitUrl = gitUrl;
    }

    public long getMaxDisk() {
        return maxDisk;
    }

    public void setMaxDisk(long maxDisk) {
        this.maxDisk = maxDisk;
    }

    public Duration getGitTimeout() {
        return gitTimeout;
    }

    public void setGitTimeout(Duration gitTimeout) {
        this.gitTimeout = gitTimeout;
    }

    public String getAuthorName() {
        return authorName;
    }

    public void setAuthorName(String authorName) {
        this.authorName = authorName;
    }

    public String getAuthorEmail() {
        return authorEmail;
    }

    public void setAuthorEmail(String authorEmail) {
        this.authorEmail = authorEmail;
    }
}
