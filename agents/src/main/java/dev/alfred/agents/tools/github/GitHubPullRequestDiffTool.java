package dev.alfred.agents.tools.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.agents.tools.ToolSchema;
import dev.alfred.policies.RiskTier;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * {@code github_get_pull_request_diff {repo, number, path?}} (tier {@code read}): a pull request's change, file by
 * file, each file's hunks {@link PatchLines numbered} with the new file's lines (the lines a review comment may name).
 * Calls <a href="https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request">GET /repos/{owner}/{repo}/pulls/{n}
 * </a> and <a href="https://docs.github.com/en/rest/pulls/pulls#list-pull-requests-files">GET
 * /repos/{owner}/{repo}/pulls/{n}/files?per_page=100</a> (the first 100 files; GitHub lists at most 3,000). Patches
 * are shown until {@value #MAX_CHARS} characters, the rest of the files listed: a call with {@code path} shows one.
 */
@Singleton
public class GitHubPullRequestDiffTool extends GitHubTool {
    static final int MAX_CHARS = 14_000;

    public GitHubPullRequestDiffTool(GitHubClient github) {
        super(github);
    }

    @Override
    public String name() {
        return "github_get_pull_request_diff";
    }

    @Override
    public String description() {
        return "Read a GitHub pull request's diff, file by file, with the new file's line numbers before each line "
                + "(the numbers review comments use). Large diffs are cut; ask for one file with path.";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addProperty("repo", repoSchema())
                .addProperty("number", numberSchema())
                .addStringProperty("path", "Only this file of the pull request, e.g. src/app.js")
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
        String only = arguments.hasNonNull("path") ? arguments.get("path").asText() : null;
        JsonNode pull = github.get(repo.path("pulls", number), Map.of());
        JsonNode files = github.get(repo.path("pulls", number, "files"), Map.of("per_page", "100"));
        int added = 0;
        int removed = 0;
        for (JsonNode file : files) {
            added += file.path("additions").asInt();
            removed += file.path("deletions").asInt();
        }
        StringBuilder text = new StringBuilder("Pull request " + repo + "#" + number + ": "
                + cut(pull.path("title").asText(), 300) + " (" + pull.path("state").asText() + "), "
                + pull.path("head").path("ref").asText() + " → " + pull.path("base").path("ref").asText()
                + ", head commit " + cut(pull.path("head").path("sha").asText(), 12) + "\n" + files.size()
                + (files.size() == 1 ? " file" : " files") + " changed, +" + added + " -" + removed
                + (files.size() >= 100 ? " (the first 100 files)" : "") + "\n");
        StringBuilder notShown = new StringBuilder();
        for (JsonNode file : files) {
            String path = file.path("filename").asText();
            if (only != null && !only.equals(path)) {
                continue;
            }
            String header = "=== " + path + " (" + file.path("status").asText() + ", +" + file.path("additions")
                    .asInt() + " -" + file.path("deletions").asInt() + ")\n";
            String patch = file.hasNonNull("patch") ? PatchLines.number(file.get("patch").asText())
                    : "(no textual diff: binary or too large)\n";
            if (only != null) {
                patch = cut(patch, MAX_CHARS);
            } else if (text.length() + header.length() + patch.length() > MAX_CHARS) {
                notShown.append("  ").append(path).append('\n');
                continue;
            }
            text.append(header).append(patch);
        }
        if (only != null && text.indexOf("=== " + only + " ") < 0 && notShown.isEmpty()) {
            return ToolResult.error(only + " is not among the files of " + repo + "#" + number);
        }
        if (!notShown.isEmpty()) {
            text.append("[Diffs not shown, to keep this short; ask for each with path:]\n").append(notShown);
        }
        return ToolResult.ok(text.toString());
    }
}
