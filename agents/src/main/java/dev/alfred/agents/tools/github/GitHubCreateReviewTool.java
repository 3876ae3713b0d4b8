package dev.alfred.agents.tools.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.agents.tools.ToolSchema;
import dev.alfred.policies.RiskTier;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * {@code github_create_review {repo, number, body, event?, comments?}} (tier {@code write}): posts one review on a
 * pull request, a summary {@code body} and inline {@code comments} ({@code path}, {@code line} in the new file as
 * {@code github_get_pull_request_diff} numbers it, {@code body}), as a comment ({@code COMMENT}, the default) or a
 * request for changes ({@code REQUEST_CHANGES}); approving a pull request is left to people.
 *
 * <p>Calls <a href="https://docs.github.com/en/rest/pulls/reviews#create-a-review-for-a-pull-request">POST
 * /repos/{owner}/{repo}/pulls/{n}/reviews</a> with each comment on side {@code RIGHT}. With an idempotency key the
 * body ends with the hidden marker {@link GitHubClient#marker} and <a
 * href="https://docs.github.com/en/rest/pulls/reviews#list-reviews-for-a-pull-request">the pull request's reviews
 * </a> are looked through first: one carrying the marker is returned as already done. A comment on a line outside
 * the diff is GitHub's 422, a tool error.
 */
@Singleton
public class GitHubCreateReviewTool extends GitHubTool {
    static final int MAX_COMMENTS = 50;

    public GitHubCreateReviewTool(GitHubClient github) {
        super(github);
    }

    @Override
    public String name() {
        return "github_create_review";
    }

    @Override
    public String description() {
        return "Post one review on a GitHub pull request: a summary and inline comments on lines of its diff (line "
                + "numbers as github_get_pull_request_diff shows them). A person approves it before it is posted.";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addProperty("repo", repoSchema())
                .addProperty("number", numberSchema())
                .addStringProperty("body", "The review's summary, in GitHub-flavoured Markdown")
                .addEnumProperty("event", java.util.List.of("COMMENT", "REQUEST_CHANGES"), "COMMENT (default) or "
                        + "REQUEST_CHANGES; approving is left to people")
                .addProperty("comments", "{\"type\":\"array\",\"maxItems\":" + MAX_COMMENTS + ",\"items\":{"
                        + "\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\",\"description\":\"The "
                        + "file, e.g. src/app.js\"},\"line\":{\"type\":\"integer\",\"minimum\":1,\"description\":"
                        + "\"The line in the new file\"},\"body\":{\"type\":\"string\"}},\"required\":[\"path\","
                        + "\"line\",\"body\"],\"additionalProperties\":false},\"description\":\"Inline comments\"}")
                .required("repo", "number", "body")
                .build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.WRITE;
    }

    @Override
    public Optional<String> preview(JsonNode arguments, ToolContext context) {
        StringBuilder text = new StringBuilder("Review of " + repo(arguments) + "#" + arguments.path("number").asInt()
                + " (" + arguments.path("event").asText("COMMENT") + ") with " + arguments.path("comments").size()
                + " inline comment(s):\n");
        for (JsonNode comment : arguments.path("comments")) {
            text.append("  ").append(comment.path("path").asText()).append(':').append(comment.path("line").asInt())
                    .append(": ").append(cut(comment.path("body").asText(), 300)).append('\n');
        }
        return Optional.of(text.append("Summary:\n").append(cut(arguments.path("body").asText(), 1500)).toString());
    }

    @Override
    protected ToolResult call(JsonNode arguments, ToolContext context) throws GitHubException {
        Repo repo = repo(arguments);
        String number = arguments.path("number").asText();
        String marker = context.idempotencyKey() == null ? null : GitHubClient.marker(context.idempotencyKey());
        if (marker != null) {
            for (JsonNode review : github.get(repo.path("pulls", number, "reviews"), Map.of("per_page", "100"))) {
                if (review.path("body").asText().contains(marker)) {
                    return ToolResult.ok("Already done: review " + review.path("id").asLong() + " on " + repo + "#"
                            + number + " was posted by this approved action (found by its marker; not posted "
                            + "again): " + review.path("html_url").asText());
                }
            }
        }
        ObjectNode body = GitHubClient.JSON.createObjectNode()
                .put("body", arguments.path("body").asText() + (marker == null ? "" : "\n\n" + marker))
                .put("event", arguments.path("event").asText("COMMENT"));
        ArrayNode comments = body.putArray("comments");
        for (JsonNode comment : arguments.path("comments")) {
            comments.addObject().put("path", comment.path("path").asText()).put("line", comment.path("line").asInt())
                    .put("side", "RIGHT").put("body", comment.path("body").asText());
        }
        JsonNode review = github.post(repo.path("pulls", number, "reviews"), body);
        return ToolResult.ok("Posted a review (" + body.path("event").asText() + ") on " + repo + "#" + number
                + " with " + comments.size() + " inline comment(s): " + review.path("html_url").asText());
    }
}
