package dev.alfred.agents.tools.github;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolSchema;
import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.policies.RiskTier;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code github_search_issues {query, limit?}} (tier {@code read}): searches issues and pull requests with GitHub's
 * search syntax and lists them one line each: {@code owner/name#n [state] [PR] title — @author · labels · URL}.
 * {@code limit} is 1 to 30 results, default 10; titles are cut at 150
 * characters.
 *
 * <p>Calls <a href="https://docs.github.com/en/rest/search/search#search-issues-and-pull-requests">GET
 * /search/issues?q=…&amp;per_page=…</a>; the query syntax is <a
 * href="https://docs.github.com/en/search-github/searching-on-github/searching-issues-and-pull-requests">searching
 * issues and pull requests</a>. Search has its own, lower rate limit (30 requests a minute); hitting it is a tool
 * error saying when it resets.
 */
@Singleton
public class GitHubSearchIssuesTool extends GitHubTool {
    static final int MAX_LIMIT = 30;
    static final int DEFAULT_LIMIT = 10;
    private static final int MAX_TITLE_CHARS = 150;

    public GitHubSearchIssuesTool(GitHubClient github) {
        super(github);
    }

    @Override
    public String name() {
        return "github_search_issues";
    }

    @Override
    public String description() {
        return "Search GitHub issues and pull requests with GitHub's search syntax, e.g. "
                + "'repo:octocat/hello-world is:open label:bug crash', and list the matches one per line.";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addStringProperty("query", "GitHub search query, e.g. repo:owner/name is:issue is:open timeout")
                .addProperty("limit", ToolSchema.raw("{\"type\":\"integer\",\"minimum\":1,\"maximum\":" + MAX_LIMIT
                        + ",\"description\":\"How many results to list, 1 to " + MAX_LIMIT + "; default "
                        + DEFAULT_LIMIT + "\"}"))
                .required("query")
                .build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.READ;
    }

    @Override
    protected ToolResult call(JsonNode arguments, ToolContext context) throws GitHubException {
        String query = arguments.path("query").asText().strip();
        if (query.isEmpty()) {
            return ToolResult.error("the query is empty; nothing was searched");
        }
        int limit = arguments.path("limit").asInt(DEFAULT_LIMIT);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("q", query);
        parameters.put("per_page", String.valueOf(limit));
        JsonNode found = github.get("/search/issues", parameters);
        JsonNode items = found.path("items");
        StringBuilder text = new StringBuilder().append(found.path("total_count").asInt()).append(" match(es) for ")
                .append(query).append(items.size() < found.path("total_count").asInt()
                        ? ", showing the first " + items.size() : "").append('\n');
        if (found.path("incomplete_results").asBoolean()) {
            text.append("(GitHub says the results are incomplete: the search timed out on its side)\n");
        }
        for (JsonNode item : items) {
            text.append("- ").append(line(item)).append('\n');
        }
        return ToolResult.ok(text.toString().strip());
    }

    private static String line(JsonNode item) {
        String repositoryUrl = item.path("repository_url").asText();
        int repos = repositoryUrl.lastIndexOf("/repos/");
        String repo = repos < 0 ? "?" : repositoryUrl.substring(repos + "/repos/".length());
        StringBuilder labels = new StringBuilder();
        for (JsonNode label : item.path("labels")) {
            labels.append(labels.length() == 0 ? " · labels: " : ", ").append(label.path("name").asText());
        }
        return repo + "#" + item.path("number").asInt() + " [" + item.path("state").asText() + "]"
                + (item.has("pull_request") ? " [PR]" : "") + " "
                + cut(item.path("title").asText(), MAX_TITLE_CHARS) + " — @" + item.path("user").path("login").asText()
                + labels + " · " + item.path("html_url").asText();
    }
}
