package dev.alfred.agents.tools.github;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolSchema;
import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.policies.RiskTier;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code github_get_issue {repo, number}} (tier {@code read}): a compact summary of an issue or pull request:
 * title, state, author, labels, comment count, URL and the first 2,000 characters of the body;
 * for a pull request also head → base, draft, merged and mergeable. The result stays under about 3,000 characters.
 *
 * <p>Calls <a href="https://docs.github.com/en/rest/issues/issues#get-an-issue">GET /repos/{owner}/{repo}/issues/{n}
 * </a> (which answers for pull requests too, with a {@code pull_request} member), and for a pull request <a
 * href="https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request">GET /repos/{owner}/{repo}/pulls/{n}</a>.
 * Errors (404 and the rest) are tool errors, see {@link GitHubClient}.
 */
@Singleton
public class GitHubGetIssueTool extends GitHubTool {
    static final int MAX_BODY_CHARS = 2000;
    private static final int MAX_TITLE_CHARS = 300;
    private static final int MAX_LABELS = 20;

    public GitHubGetIssueTool(GitHubClient github) {
        super(github);
    }

    @Override
    public String name() {
        return "github_get_issue";
    }

    @Override
    public String description() {
        return "Read a GitHub issue or pull request: title, state, author, labels, the start of its body and, for a "
                + "pull request, its head and base branches and whether it can be merged.";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addProperty("repo", repoSchema())
                .addProperty("number", numberSchema())
                .required("repo", "number")
                .build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.READ;
    }

    @Override
    protected ToolResult call(JsonNode arguments, ToolContext context) throws GitHubException {
        Repo repo = repo(arguments);
        String number = arguments.path("number").asText();
        JsonNode issue = github.get(repo.path("issues", number), Map.of());
        boolean pull = issue.has("pull_request");
        StringBuilder text = new StringBuilder();
        text.append(pull ? "Pull request " : "Issue ").append(repo).append('#').append(issue.path("number").asInt())
                .append(": ").append(cut(issue.path("title").asText(), MAX_TITLE_CHARS)).append('\n');
        text.append("State: ").append(issue.path("state").asText())
                .append(issue.hasNonNull("state_reason") ? " (" + issue.path("state_reason").asText() + ")" : "")
                .append(" · author @").append(issue.path("user").path("login").asText("?"))
                .append(" · created ").append(issue.path("created_at").asText("?"))
                .append(" · ").append(issue.path("comments").asInt()).append(" comment(s)\n");
        text.append("Labels: ").append(labels(issue)).append('\n');
        if (pull) {
            text.append(pullSummary(github.get(repo.path("pulls", number), Map.of()))).append('\n');
        }
        text.append("URL: ").append(issue.path("html_url").asText()).append('\n');
        String body = issue.path("body").asText("");
        text.append('\n').append(body.isBlank() ? "(no description)" : cut(body, MAX_BODY_CHARS));
        return ToolResult.ok(text.toString());
    }

    private static String labels(JsonNode issue) {
        List<String> names = new ArrayList<>();
        for (JsonNode label : issue.path("labels")) {
            names.add(label.isTextual() ? label.asText() : label.path("name").asText());
        }
        if (names.isEmpty()) {
            return "none";
        }
        return names.size() <= MAX_LABELS ? String.join(", ", names)
                : String.join(", ", names.subList(0, MAX_LABELS)) + " and " + (names.size() - MAX_LABELS) + " more";
    }

    private static String pullSummary(JsonNode pull) {
        JsonNode head = pull.path("head");
        JsonNode base = pull.path("base");
        boolean fork = !head.path("repo").path("full_name").asText().equals(base.path("repo").path("full_name")
                .asText());
        String mergeable = pull.path("mergeable").isBoolean() ? (pull.path("mergeable").asBoolean() ? "yes" : "no")
                : "not computed yet";
        return "Branches: " + (fork ? head.path("label").asText() : head.path("ref").asText()) + " → "
                + base.path("ref").asText() + " · state " + pull.path("state").asText()
                + (pull.path("draft").asBoolean() ? " (draft)" : "")
                + " · merged " + (pull.path("merged").asBoolean() ? "yes" : "no")
                + " · mergeable " + mergeable
                + (pull.hasNonNull("mergeable_state") ? " (" + pull.path("mergeable_state").asText() + ")" : "");
    }
}
