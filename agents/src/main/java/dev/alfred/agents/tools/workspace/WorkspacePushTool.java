package dev.alfred.agents.tools.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.agents.tools.ToolSchema;
import dev.alfred.agents.tools.github.GitHubClient;
import dev.alfred.agents.tools.github.GitHubOpenPullRequestTool;
import dev.alfred.policies.RiskTier;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * {@code workspace_push {title, body, draft?}} (tier {@code write}: the default policy stages it behind an approval
 * card): pushes the run's branch {@code alfred/<runId>} to the same name on the remote, never forced and never to
 * another branch, and, for a GitHub remote with {@code GITHUB_TOKEN}, opens a pull request into the branch the run
 * started from through {@link GitHubOpenPullRequestTool} (which carries the action's idempotency marker, so a
 * retried approval finds the pull request it opened). Other remotes ({@code file://}) are only pushed to.
 *
 * <p>Its {@link #preview} is what the approval card shows: the repository, the branch and its base, the commits,
 * files changed with lines added and removed, what is not committed (and so not pushed), and the start of the diff.
 */
@Singleton
public class WorkspacePushTool extends WorkspaceTool {
    /** Characters of the diff on the approval card. */
    static final int PREVIEW_DIFF_CHARS = 1_500;

    private final GitHubOpenPullRequestTool pullRequests;
    private final GitHubClient github;

    public WorkspacePushTool(Workspaces workspaces, GitHubOpenPullRequestTool pullRequests, GitHubClient github) {
        super(workspaces);
        this.pullRequests = pullRequests;
        this.github = github;
    }

    @Override
    public String name() {
        return "workspace_push";
    }

    @Override
    public String description() {
        return "Push your committed work (your branch alfred/<run id>) to the repository's remote and, on GitHub, "
                + "open a pull request with this title and body. A person approves it first, seeing the diff. "
                + "Commit first: uncommitted changes are not pushed.";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addStringProperty("title", "The pull request's title: what the change does")
                .addStringProperty("body", "The pull request's description: why, what changed, how it was tested")
                .addBooleanProperty("draft", "Open the pull request as a draft; default false")
                .required("title", "body")
                .build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.WRITE;
    }

    @Override
    public Optional<String> preview(JsonNode arguments, ToolContext context) {
        try {
            Optional<Workspace> found = workspaces.find(context.runId());
            if (found.isEmpty()) {
                return Optional.of("This run has no workspace: the push would fail.");
            }
            Workspace workspace = found.get();
            Changes changes = new WorkspaceGit(workspaces.git(), workspace).changes(true, PREVIEW_DIFF_CHARS);
            return Optional.of("Repository: " + workspace.repo() + (openPullRequest() ? " (a pull request will be "
                    + "opened into " + workspace.baseBranch() + ")" : "") + "\nBranch: " + workspace.branch()
                    + ", from " + workspace.baseBranch() + " at " + workspace.baseCommit().substring(0, 12)
                    + " (pushed as a branch of its own, never forced)\n" + changes.describe(30)
                    + (changes.diff().isEmpty() ? "" : "\n\nDiff (start):\n" + changes.diffStart()));
        } catch (WorkspaceException e) {
            return Optional.of("The change could not be read: " + e.getMessage());
        }
    }

    @Override
    protected ToolResult call(Workspace workspace, JsonNode arguments, ToolContext context) throws WorkspaceException {
        WorkspaceGit git = new WorkspaceGit(workspaces.git(), workspace);
        int commits = git.commitsAhead();
        if (commits == 0) {
            throw new WorkspaceException("nothing to push: " + workspace.branch() + " has no commits since "
                    + workspace.baseBranch() + "; commit with workspace_commit first");
        }
        git.push();
        int uncommitted = git.uncommitted().size();
        String pushed = "Pushed " + workspace.branch() + " (" + commits + (commits == 1 ? " commit" : " commits")
                + ") to " + workspace.repo() + "." + (uncommitted == 0 ? "" : " " + uncommitted + " uncommitted "
                + "change(s) were not pushed.");
        if (!openPullRequest()) {
            return ToolResult.ok(pushed + " No pull request: " + (workspaces.githubHost() == null
                    ? "the remote is not on GitHub (ALFRED_GIT_URL)." : "GITHUB_TOKEN is not set."));
        }
        ObjectNode pull = JsonNodeFactory.instance.objectNode().put("repo", workspace.repo())
                .put("head", workspace.branch()).put("base", workspace.baseBranch())
                .put("title", text(arguments, "title", "")).put("body", text(arguments, "body", "")
                        + "\n\n---\nOpened by Alfred, run " + context.runId() + ".")
                .put("draft", arguments.path("draft").asBoolean(false));
        ToolResult opened = pullRequests.execute(pull, context);
        return new ToolResult(pushed + (opened.error() ? " But the pull request could not be opened: " : " ")
                + opened.content(), opened.error());
    }

    private boolean openPullRequest() {
        return workspaces.githubHost() != null && github.configured();
    }
}
