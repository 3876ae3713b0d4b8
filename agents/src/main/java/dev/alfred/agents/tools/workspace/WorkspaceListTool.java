package dev.alfred.agents.tools.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.agents.tools.ToolSchema;
import dev.alfred.policies.RiskTier;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code workspace_list {path?}} (tier {@code read}): the entries of one directory of the worktree, sorted, a
 * directory with a trailing {@code /}, a file with its size, a symbolic link with {@code @}; at most
 * {@value #MAX_ENTRIES} entries. The {@code .git} entry is left out.
 */
@Singleton
public class WorkspaceListTool extends WorkspaceTool {
    /** Entries listed at most. */
    static final int MAX_ENTRIES = 500;

    public WorkspaceListTool(Workspaces workspaces) {
        super(workspaces);
    }

    @Override
    public String name() {
        return "workspace_list";
    }

    @Override
    public String description() {
        return "List a directory of your checked-out repository (default: its top).";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addStringProperty("path", "A directory relative to the repository's top, e.g. src/main; default the "
                        + "top")
                .build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.READ;
    }

    @Override
    protected ToolResult call(Workspace workspace, JsonNode arguments, ToolContext context) throws WorkspaceException {
        String path = text(arguments, "path", "");
        Path dir = WorkspacePaths.existing(workspace.root(), path);
        if (!Files.isDirectory(dir)) {
            throw new WorkspaceException("'" + path + "' is not a directory; read files with workspace_read");
        }
        String shown = workspace.root().relativize(dir).toString();
        return ToolResult.ok((shown.isEmpty() ? "Top of " + workspace.repo() : shown + "/") + ":\n"
                + entries(dir, MAX_ENTRIES));
    }

    /** @return the entries of {@code dir}, one per line, in the shape described on the class */
    static String entries(Path dir, int max) throws WorkspaceException {
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> all = list.filter(path -> !path.getFileName().toString().equals(".git")).sorted().toList();
            StringBuilder text = new StringBuilder();
            for (Path entry : all.subList(0, Math.min(max, all.size()))) {
                String name = entry.getFileName().toString();
                if (Files.isSymbolicLink(entry)) {
                    text.append(name).append(" @\n");
                } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    text.append(name).append("/\n");
                } else {
                    text.append(name).append("  ").append(Files.size(entry)).append(" bytes\n");
                }
            }
            if (all.size() > max) {
                text.append("… and ").append(all.size() - max).append(" more entries\n");
            }
            return all.isEmpty() ? "(empty)\n" : text.toString();
        } catch (IOException e) {
            throw new WorkspaceException("could not list the directory: " + e.getMessage());
        }
    }
}
