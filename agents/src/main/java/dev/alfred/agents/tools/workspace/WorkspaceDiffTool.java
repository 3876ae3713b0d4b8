package dev.alfred.agents.tools.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.agents.tools.ToolSchema;
import dev.alfred.policies.RiskTier;
import jakarta.inject.Singleton;

/**
 * {@code workspace_diff {}} (tier {@code read}): the change so far, committed or not, against the commit the run's
 * branch started from: files with lines added and removed, the commits, what is not committed yet, and the unified
 * diff (its first {@value #DIFF_CHARS} characters). Everything in the worktree is staged to compute it.
 */
@Singleton
public class WorkspaceDiffTool extends WorkspaceTool {
    static final int DIFF_CHARS = 12_000;

    public WorkspaceDiffTool(Workspaces workspaces) {
        super(workspaces);
    }

    @Override
    public String name() {
        return "workspace_diff";
    }

    @Override
    public String description() {
        return "Show your change so far in the checked-out repository (committed or not) against where your branch "
                + "started: files, lines added and removed, and the diff.";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder().build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.READ;
    }

    @Override
    protected ToolResult call(Workspace workspace, JsonNode arguments, ToolContext context) throws WorkspaceException {
        Changes changes = new WorkspaceGit(workspaces.git(), workspace).changes(false, DIFF_CHARS);
        if (changes.files().isEmpty()) {
            return ToolResult.ok("No changes on " + workspace.branch() + " since " + workspace.baseBranch() + " at "
                    + workspace.baseCommit().substring(0, 12) + ".");
        }
        return ToolResult.ok("Changes on " + workspace.branch() + " since " + workspace.baseBranch() + " at "
                + workspace.baseCommit().substring(0, 12) + ": " + changes.describe(100) + "\n\n"
                + changes.diffStart());
    }
}
