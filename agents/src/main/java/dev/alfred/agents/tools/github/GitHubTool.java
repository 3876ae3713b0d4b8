package dev.alfred.agents.tools.github;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolSchema;
import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.tools.Tool;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;

/**
 * What every GitHub tool shares: no token means a tool error and no call; a {@link GitHubException} becomes a tool
 * error with its message; the token is redacted from whatever goes back to the model; the {@code repo} and
 * {@code number} parameters.
 */
public abstract class GitHubTool implements Tool {
    /**
     * {@code owner/name}: an owner of 1 to 39 letters, digits and hyphens not starting with a hyphen, and a name of
     * 1 to 100 letters, digits, {@code .}, {@code _}, {@code -} other than {@code .} and {@code ..} (GitHub's
     * naming rules, as enforced when accounts and repositories are created).
     */
    public static final String REPO_PATTERN = "^[A-Za-z0-9][A-Za-z0-9-]{0,38}/(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}$";

    /** The client every GitHub tool calls through. */
    protected final GitHubClient github;

    protected GitHubTool(GitHubClient github) {
        this.github = github;
    }

    /** Runs {@link #call}, unless GitHub is not configured; never throws for GitHub's or the network's failures. */
    @Override
    public final ToolResult execute(JsonNode arguments, ToolContext context) {
        if (!github.configured()) {
            return ToolResult.error(GitHubClient.NOT_CONFIGURED);
        }
        try {
            ToolResult result = call(arguments, context);
            return new ToolResult(github.redact(result.content()), result.error());
        } catch (GitHubException e) {
            return ToolResult.error(github.redact(e.getMessage()));
        }
    }

    /**
     * The tool's own work, with arguments already validated against {@link #parameters()}.
     *
     * @throws GitHubException for any GitHub failure; its message becomes the tool error
     */
    protected abstract ToolResult call(JsonNode arguments, ToolContext context) throws GitHubException;

    /** @return the schema of the {@code repo} parameter, with {@link #REPO_PATTERN} */
    protected static ObjectNode repoSchema() {
        return ToolSchema.raw("{\"type\":\"string\",\"pattern\":\"" + REPO_PATTERN.replace("\\", "\\\\")
                + "\",\"description\":\"The repository as owner/name, e.g. octocat/hello-world\"}");
    }

    /** @return the schema of the {@code number} parameter: an issue or pull request number, 1 or more */
    protected static ObjectNode numberSchema() {
        return ToolSchema.raw("{\"type\":\"integer\",\"minimum\":1,"
                + "\"description\":\"The issue or pull request number, e.g. 42\"}");
    }

    /** @return the {@code repo} argument, split */
    protected static Repo repo(JsonNode arguments) {
        String[] parts = arguments.path("repo").asText().split("/", 2);
        return new Repo(parts[0], parts.length > 1 ? parts[1] : "");
    }

    /** @return {@code text} cut to {@code max} characters, saying how long it was when cut */
    protected static String cut(String text, int max) {
        return text.length() <= max ? text
                : text.substring(0, max) + "… [cut; " + text.length() + " characters in all]";
    }

    /**
     * A repository.
     *
     * @param owner the user or organisation, e.g. {@code octocat}
     * @param name  the repository's name, e.g. {@code hello-world}
     */
    public record Repo(String owner, String name) {
        /** @return the encoded API path {@code /repos/OWNER/NAME/...more} */
        public String path(String... more) {
            String[] segments = new String[more.length + 3];
            segments[0] = "repos";
            segments[1] = owner;
            segments[2] = name;
            System.arraycopy(more, 0, segments, 3, more.length);
            return GitHubClient.path(segments);
        }

        /** @return {@code owner/name} */
        @Override
        public String toString() {
            return owner + "/" + name;
        }
    }
}
