package dev.alfred.agents.tools.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.agents.tools.ToolSchema;
import dev.alfred.policies.RiskTier;
import jakarta.inject.Singleton;

/**
 * {@code workspace_commit {message}} (tier {@code read}: the commit stays on the run's own branch in Alfred's cache
 * until {@code workspace_push}): commits every change in the worktree ({@code git add --all}, {@code .gitignore}
 * honoured) on {@code alfred/<runId>}, without hooks or signing, as {@code alfred.workspace.author-name}.
 */
@Singleton
public class WorkspaceCommitTool extends WorkspaceTool {

    public WorkspaceCommitTool(Workspaces workspaces) {
        super(workspaces);
    }

    @Override
    public String name() {
        return "workspace_commit";
    }

    @Override
    public String description() {
        return "Commit every change in your checked-out repository on your branch, with a message. Nothing leaves "
                + "Alfred until workspace_push.";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addProperty("message", "{\"type\":\"string\",\"minLength\":1,\"description\":\"The commit message: "
                        + "a short subject line, then a blank line and details if useful\"}")
                .required("message")
                .build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.READ;
    }

    @Override
    protected ToolResult call(Workspace workspace, JsonNode arguments, ToolContext context) throws WorkspaceException {
        String message = text(arguments, "message", "").strip();
        if (message.isEmpty()) {
            throw new WorkspaceException("the commit message is empty");
        }
        WorkspaceGit git = new WorkspaceGit(workspaces.git(), workspace);
        String commit = git.commit(message);
        Changes changes = git.changes(true, 0);
        return ToolResult.ok("Committed " + commit + " on " + workspace.branch() + ": " + message.lines().findFirst()
                .orElse("") + "\nThe branch now has " + changes.describe(50));
    }
}
