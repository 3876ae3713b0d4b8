package dev.alfred.agents.tools.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.tools.Tool;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import java.util.Optional;

/**
 * What the workspace tools after {@code workspace_checkout} share: the run's workspace is found (re-created from its
 * branch after a crash, which the result then says), a {@link WorkspaceException} becomes a tool error, and a run
 * without a workspace is told to check one out.
 */
public abstract class WorkspaceTool implements Tool {
    /** The runs' workspaces. */
    protected final Workspaces workspaces;

    protected WorkspaceTool(Workspaces workspaces) {
        this.workspaces = workspaces;
    }

    @Override
    public final ToolResult execute(JsonNode arguments, ToolContext context) {
        try {
            Optional<Workspace> workspace = workspaces.find(context.runId());
            if (workspace.isEmpty()) {
                return ToolResult.error("this run has no workspace yet: call workspace_checkout with the repository "
                        + "first");
            }
            ToolResult result = call(workspace.get(), arguments, context);
            return workspace.get().recreated() ? new ToolResult("(The worktree was gone, after a restart, and was "
                    + "re-created from the last commit on " + workspace.get().branch() + ": changes that were not "
                    + "committed are lost.)\n" + result.content(), result.error()) : result;
        } catch (WorkspaceException e) {
            return ToolResult.error(e.getMessage());
        }
    }

    /**
     * The tool's own work, with arguments already validated against {@link #parameters()}.
     *
     * @throws WorkspaceException for anything the model should read as a tool error
     */
    protected abstract ToolResult call(Workspace workspace, JsonNode arguments, ToolContext context)
            throws WorkspaceException;

    /** @return a text argument, or {@code fallback} when absent or null */
    protected static String text(JsonNode arguments, String name, String fallback) {
        JsonNode value = arguments.get(name);
        return value == null || value.isNull() ? fallback : value.asText();
    }
}
