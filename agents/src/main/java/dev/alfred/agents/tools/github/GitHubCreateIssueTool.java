package dev.alfred.agents.tools.github;

import dev.alfred.agents.tools.ToolSchema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.policies.RiskTier;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code github_create_issue {repo, title, body, labels?}} (tier {@code write}): opens an issue and returns its number
 * and URL. Labels the token may not set are dropped by GitHub without an error.
 *
 * <p>Calls <a href="https://docs.github.com/en/rest/issues/issues#create-an-issue">POST
 * /repos/{owner}/{repo}/issues</a>. With an idempotency key the body ends with the hidden marker
 * {@link GitHubClient#marker}, and before creating the tool looks for an issue carrying it: among the repository's
 * {@value #RECENT} newest issues and pull requests (<a
 * href="https://docs.github.com/en/rest/issues/issues#list-repository-issues">GET
 * /repos/{owner}/{repo}/issues?state=all&amp;sort=created&amp;direction=desc</a>, read at once, unlike search), and
 * when the repository has more than that, also with <a
 * href="https://docs.github.com/en/rest/search/search#search-issues-and-pull-requests">search</a> for
 * {@code repo:owner/name in:body "KEY"}. One found is returned as already done instead of creating another.
 */
@Singleton
public class GitHubCreateIssueTool extends GitHubTool {
    /** How many of the newest issues are read to find one this action already created. */
    public static final int RECENT = 50;

    public GitHubCreateIssueTool(GitHubClient github) {
        super(github);
    }

    @Override
    public String name() {
        return "github_create_issue";
    }

    @Override
    public String description() {
        return "Open a new issue in a GitHub repository, optionally with labels.";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addProperty("repo", repoSchema())
                .addStringProperty("title", "The issue's title")
                .addStringProperty("body", "The issue's description, in GitHub-flavoured Markdown")
                .addProperty("labels", ToolSchema.raw("{\"type\":\"array\",\"items\":{\"type\":\"string\"},"
                        + "\"description\":\"Label names to set, e.g. [\\\"bug\\\"]; optional\"}"))
                .required("repo", "title", "body")
                .build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.WRITE;
    }

    @Override
    protected ToolResult call(JsonNode arguments, ToolContext context) throws GitHubException {
        Repo repo = repo(arguments);
        String title = arguments.path("title").asText().strip();
        if (title.isEmpty()) {
            return ToolResult.error("the title is empty; no issue was created");
        }
        String body = arguments.path("body").asText();
        String key = context.idempotencyKey();
        if (key != null) {
            JsonNode done = markedIssue(repo, key);
            if (done != null) {
                return ToolResult.ok("Already done: issue " + repo + "#" + done.path("number").asInt()
                        + " was created by this approved action (found by its marker; not created again): "
                        + done.path("html_url").asText());
            }
            body = body + "\n\n" + GitHubClient.marker(key);
        }
        ObjectNode request = GitHubClient.JSON.createObjectNode().put("title", title).put("body", body);
        if (arguments.path("labels").isArray() && !arguments.path("labels").isEmpty()) {
            request.set("labels", arguments.path("labels"));
        }
        JsonNode issue = github.post(repo.path("issues"), request);
        return ToolResult.ok("Created issue " + repo + "#" + issue.path("number").asInt() + ": "
                + issue.path("html_url").asText());
    }

    /** @return the issue in {@code repo} whose body carries the marker of {@code key}, or null */
    @Nullable
    private JsonNode markedIssue(Repo repo, String key) throws GitHubException {
        String marker = GitHubClient.marker(key);
        Map<String, String> newest = new LinkedHashMap<>();
        newest.put("state", "all");
        newest.put("sort", "created");
        newest.put("direction", "desc");
        newest.put("per_page", String.valueOf(RECENT));
        JsonNode recent = github.get(repo.path("issues"), newest);
        for (JsonNode issue : recent) {
            if (!issue.has("pull_request") && issue.path("body").asText().contains(marker)) {
                return issue;
            }
        }
        if (recent.size() < RECENT) {
            return null;
        }
        Map<String, String> search = new LinkedHashMap<>();
        search.put("q", "repo:" + repo + " is:issue in:body \"" + key + "\"");
        search.put("per_page", "5");
        for (JsonNode issue : github.get("/search/issues", search).path("items")) {
            if (issue.path("body").asText().contains(marker)) {
                return issue;
            }
        }
        return null;
    }
}
