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
 * {@code github_open_pull_request {repo, head, base, title, body, draft?}} (tier {@code write}): opens a pull request
 * from a branch that already exists and returns its number and URL. It pushes nothing.
 *
 * <p>In order: <a href="https://docs.github.com/en/rest/branches/branches#get-a-branch">GET
 * /repos/{owner}/{repo}/branches/{head}</a> (a missing head branch is a tool error; for {@code head} written
 * {@code user:branch}, the branch is looked up in {@code user}'s repository of the same name); <a
 * href="https://docs.github.com/en/rest/pulls/pulls#list-pull-requests">GET
 * /repos/{owner}/{repo}/pulls?head=owner:branch&amp;base=…&amp;state=all</a>, since GitHub allows one open pull
 * request per head and base: one carrying this action's marker (any state) is returned as already done, another
 * open one is a tool error naming it; then <a
 * href="https://docs.github.com/en/rest/pulls/pulls#create-a-pull-request">POST /repos/{owner}/{repo}/pulls</a>. With
 * an idempotency key the body ends with the hidden marker {@link GitHubClient#marker}. A missing base branch is
 * GitHub's 422, a tool error.
 */
@Singleton
public class GitHubOpenPullRequestTool extends GitHubTool {

    public GitHubOpenPullRequestTool(GitHubClient github) {
        super(github);
    }

    @Override
    public String name() {
        return "github_open_pull_request";
    }

    @Override
    public String description() {
        return "Open a pull request in a GitHub repository from a branch that already exists (it pushes nothing).";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addProperty("repo", repoSchema())
                .addStringProperty("head", "The existing branch with the changes, e.g. fix-timeout, or "
                        + "user:branch for a fork")
                .addStringProperty("base", "The branch to merge into, e.g. main")
                .addStringProperty("title", "The pull request's title")
                .addStringProperty("body", "The pull request's description, in GitHub-flavoured Markdown")
                .addBooleanProperty("draft", "Open it as a draft; default false")
                .required("repo", "head", "base", "title", "body")
                .build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.WRITE;
    }

    @Override
    protected ToolResult call(JsonNode arguments, ToolContext context) throws GitHubException {
        Repo repo = repo(arguments);
        String head = arguments.path("head").asText().strip();
        String base = arguments.path("base").asText().strip();
        String title = arguments.path("title").asText().strip();
        if (head.isEmpty() || base.isEmpty() || title.isEmpty()) {
            return ToolResult.error("head, base and title must not be empty; no pull request was opened");
        }
        int colon = head.indexOf(':');
        Repo headRepo = colon < 0 ? repo : new Repo(head.substring(0, colon), repo.name());
        String branch = colon < 0 ? head : head.substring(colon + 1);
        if (!branchExists(headRepo, branch)) {
            return ToolResult.error("the head branch '" + branch + "' does not exist in " + headRepo
                    + " (GitHub answered 404 Not Found; or the repository itself is missing or invisible to the "
                    + "token). This tool opens pull requests from existing branches only: push the branch first");
        }
        String key = context.idempotencyKey();
        String marker = key == null ? null : GitHubClient.marker(key);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("head", headRepo.owner() + ":" + branch);
        query.put("base", base);
        query.put("state", "all");
        for (JsonNode pull : github.get(repo.path("pulls"), query)) {
            String found = repo + "#" + pull.path("number").asInt() + " (" + branch + " → " + base + ", "
                    + pull.path("state").asText() + "): " + pull.path("html_url").asText();
            if (marker != null && pull.path("body").asText().contains(marker)) {
                return ToolResult.ok("Already done: pull request " + found + " was opened by this approved action "
                        + "(found by its marker; not opened again)");
            }
            if ("open".equals(pull.path("state").asText())) {
                return ToolResult.error("a pull request is already open for " + branch + " → " + base + ": " + found
                        + " titled \"" + pull.path("title").asText() + "\". GitHub allows one open pull request per "
                        + "head and base; no new one was opened");
            }
        }
        String body = arguments.path("body").asText() + (marker == null ? "" : "\n\n" + marker);
        boolean draft = arguments.path("draft").asBoolean(false);
        JsonNode pull = github.post(repo.path("pulls"), GitHubClient.JSON.createObjectNode().put("title", title)
                .put("head", head).put("base", base).put("body", body).put("draft", draft));
        return ToolResult.ok("Opened pull request " + repo + "#" + pull.path("number").asInt() + " (" + branch + " → "
                + base + (draft ? ", draft" : "") + "): " + pull.path("html_url").asText());
    }

    private boolean branchExists(Repo repo, String branch) throws GitHubException {
        StringBuilder path = new StringBuilder(repo.path("branches"));
        for (String part : branch.split("/", -1)) {
            path.append(GitHubClient.path(part));
        }
        try {
            github.get(path.toString(), Map.of());
            return true;
        } catch (GitHubException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }
}
