package dev.alfred.agents.tools.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.agents.tools.ToolSchema;
import dev.alfred.policies.RiskTier;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code workspace_write {path, content}} (tier {@code read}: it changes only the run's own worktree, DESIGN.md
 * section 4): writes a whole file as UTF-8, making missing directories; at most {@value #MAX_BYTES} bytes, and never
 * past the worktree's disk cap. The file is opened without following a symbolic link in its last component, at the
 * real path {@link WorkspacePaths#forWrite} checked.
 */
@Singleton
public class WorkspaceWriteTool extends WorkspaceTool {
    static final int MAX_BYTES = 1024 * 1024;

    public WorkspaceWriteTool(Workspaces workspaces) {
        super(workspaces);
    }

    @Override
    public String name() {
        return "workspace_write";
    }

    @Override
    public String description() {
        return "Write a whole file in your checked-out repository (created, or replaced), e.g. a new test. To change "
                + "part of a file, use workspace_edit.";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addStringProperty("path", "The file, relative to the repository's top")
                .addStringProperty("content", "The file's whole new content")
                .required("path", "content")
                .build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.READ;
    }

    @Override
    protected ToolResult call(Workspace workspace, JsonNode arguments, ToolContext context) throws WorkspaceException {
        String path = text(arguments, "path", "");
        byte[] content = text(arguments, "content", "").getBytes(StandardCharsets.UTF_8);
        boolean existed = Files.exists(workspace.root().resolve(path), LinkOption.NOFOLLOW_LINKS);
        write(workspace, path, content, workspaces.maxDisk());
        return ToolResult.ok((existed ? "Replaced " : "Created ") + path + " (" + content.length + " bytes).");
    }

    /**
     * Writes {@code content} at {@code path} in the worktree, confined and capped.
     *
     * @throws WorkspaceException when the path is refused, the content too large, or the disk cap reached
     */
    static void write(Workspace workspace, String path, byte[] content, long maxDisk) throws WorkspaceException {
        if (content.length > MAX_BYTES) {
            throw new WorkspaceException("the content is " + content.length + " bytes; at most " + MAX_BYTES
                    + " may be written at once");
        }
        Path target = WorkspacePaths.forWrite(workspace.root(), path);
        WorkspaceDisk.check(workspace.root(), content.length, maxDisk);
        try {
            Files.createDirectories(target.getParent());
            Files.write(target, content, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new WorkspaceException("could not write " + path + ": " + e.getMessage());
        }
    }
}
