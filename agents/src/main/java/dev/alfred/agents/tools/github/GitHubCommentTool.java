package dev.alfred.agents.tools.github;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolSchema;
import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.policies.RiskTier;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * {@code github_comment {repo, number, body}} (tier {@code write}): comments on an issue or pull request and returns
 * the comment's URL.
 *
 * <p>Calls <a href="https://docs.github.com/en/rest/issues/comments#create-an-issue-comment">POST
 * /repos/{owner}/{repo}/issues/{n}/comments</a>. With an idempotency key the body ends with the hidden marker
 * {@link GitHubClient#marker}, and before posting the tool reads the issue (<a
 * href="https://docs.github.com/en/rest/issues/issues#get-an-issue">GET …/issues/{n}</a>, for its comment count) and
 * its 100-comment pages holding the latest comments (<a
 * href="https://docs.github.com/en/rest/issues/comments#list-issue-comments">GET …/issues/{n}/comments</a>, oldest
 * first, so the last two pages): a comment carrying the marker is returned as already done instead of posting again.
 */
@Singleton
public class GitHubCommentTool extends GitHubTool {
    static final int PAGE = 100;

    public GitHubCommentTool(GitHubClient github) {
        super(github);
    }

    @Override
    public String name() {
        return "github_comment";
    }

    @Override
    public String description() {
        return "Comment on a GitHub issue or pull request (GitHub-flavoured Markdown).";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addProperty("repo", repoSchema())
                .addProperty("number", numberSchema())
                .addStringProperty("body", "The comment, in GitHub-flavoured Markdown")
                .required("repo", "number", "body")
                .build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.WRITE;
    }

    @Override
    protected ToolResult call(JsonNode arguments, ToolContext context) throws GitHubException {
        Repo repo = repo(arguments);
        String number = arguments.path("number").asText();
        String body = arguments.path("body").asText();
        if (body.isBlank()) {
            return ToolResult.error("the comment body is empty; nothing was posted");
        }
        String key = context.idempotencyKey();
        if (key != null) {
            JsonNode done = markedComment(repo, number, GitHubClient.marker(key));
            if (done != null) {
                return ToolResult.ok("Already done: a comment from this approved action is already on " + repo + "#"
                        + number + " (found by its marker; not posted again): " + done.path("html_url").asText());
            }
            body = body + "\n\n" + GitHubClient.marker(key);
        }
        JsonNode comment = github.post(repo.path("issues", number, "comments"),
                GitHubClient.JSON.createObjectNode().put("body", body));
        return ToolResult.ok("Commented on " + repo + "#" + number + ": " + comment.path("html_url").asText());
    }

    /** @return the comment among the latest on the issue whose body carries {@code marker}, or null */
    @Nullable
    private JsonNode markedComment(Repo repo, String number, String marker) throws GitHubException {
        int count = github.get(repo.path("issues", number), Map.of()).path("comments").asInt();
        int last = Math.max(1, (count + PAGE - 1) / PAGE);
        for (int page = Math.max(1, last - 1); page <= last && count > 0; page++) {
            JsonNode comments = github.get(repo.path("issues", number, "comments"),
                    Map.of("per_page", String.valueOf(PAGE), "page", String.valueOf(page)));
            for (JsonNode comment : comments) {
                if (comment.path("body").asText().contains(marker)) {
                    return comment;
                }
            }
        }
        return null;
    }
}
