package dev.alfred.agents.tools.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.agents.tools.ToolSchema;
import dev.alfred.policies.RiskTier;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code workspace_edit {path, old_text, new_text}} (tier {@code read}): replaces the one occurrence of
 * {@code old_text} in a file of the worktree with {@code new_text}; none or several occurrences are a tool error
 * saying how many, so an edit never lands somewhere unintended.
 */
@Singleton
public class WorkspaceEditTool extends WorkspaceTool {

    public WorkspaceEditTool(Workspaces workspaces) {
        super(workspaces);
    }

    @Override
    public String name() {
        return "workspace_edit";
    }

    @Override
    public String description() {
        return "Change part of a file in your checked-out repository: old_text must occur exactly once and is "
                + "replaced by new_text. Include enough surrounding lines in old_text to make it unique.";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addStringProperty("path", "The file, relative to the repository's top")
                .addStringProperty("old_text", "The exact text to replace, as it is in the file (whitespace counts)")
                .addStringProperty("new_text", "The text to put in its place")
                .required("path", "old_text", "new_text")
                .build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.READ;
    }

    @Override
    protected ToolResult call(Workspace workspace, JsonNode arguments, ToolContext context) throws WorkspaceException {
        String path = text(arguments, "path", "");
        String oldText = text(arguments, "old_text", "");
        if (oldText.isEmpty()) {
            throw new WorkspaceException("old_text is empty; to write a whole file use workspace_write");
        }
        Path file = WorkspacePaths.existing(workspace.root(), path);
        if (!Files.isRegularFile(file)) {
            throw new WorkspaceException("'" + path + "' is not a regular file");
        }
        String content = WorkspaceReadTool.text(file, WorkspaceWriteTool.MAX_BYTES + 1L);
        int first = content.indexOf(oldText);
        if (first < 0) {
            throw new WorkspaceException("old_text does not occur in " + path + "; read the file again and copy the "
                    + "text exactly");
        }
        int count = 0;
        for (int at = first; at >= 0; at = content.indexOf(oldText, at + 1)) {
            count++;
        }
        if (count > 1) {
            throw new WorkspaceException("old_text occurs " + count + " times in " + path + "; include more of the "
                    + "surrounding text so that it occurs once");
        }
        String updated = content.substring(0, first) + text(arguments, "new_text", "")
                + content.substring(first + oldText.length());
        WorkspaceWriteTool.write(workspace, workspace.root().relativize(file).toString(),
                updated.getBytes(StandardCharsets.UTF_8), workspaces.maxDisk());
        long line = content.substring(0, first).chars().filter(c -> c == '\n').count() + 1;
        return ToolResult.ok("Edited " + path + " at line " + line + ".");
    }
}
