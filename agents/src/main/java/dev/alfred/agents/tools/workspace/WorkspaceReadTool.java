package dev.alfred.agents.tools.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.agents.tools.ToolSchema;
import dev.alfred.policies.RiskTier;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code workspace_read {path, start_line?, end_line?}} (tier {@code read}): a regular file of the worktree as
 * numbered lines ({@code 12| text}), at most {@value #MAX_LINES} lines from {@code start_line} (1-based) to
 * {@code end_line} (inclusive); files are read up to {@value #MAX_BYTES} bytes, as UTF-8 (bad bytes replaced); a
 * file with NUL bytes is reported as binary. FIFOs, devices and sockets are refused (reading one could block).
 */
@Singleton
public class WorkspaceReadTool extends WorkspaceTool {
    static final int MAX_LINES = 2_000;
    static final long MAX_BYTES = 4L * 1024 * 1024;

    public WorkspaceReadTool(Workspaces workspaces) {
        super(workspaces);
    }

    @Override
    public String name() {
        return "workspace_read";
    }

    @Override
    public String description() {
        return "Read a file of your checked-out repository as numbered lines, optionally only lines start_line to "
                + "end_line.";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addStringProperty("path", "The file, relative to the repository's top, e.g. src/main/App.java")
                .addProperty("start_line", "{\"type\":\"integer\",\"minimum\":1,\"description\":\"First line, "
                        + "1-based; default 1\"}")
                .addProperty("end_line", "{\"type\":\"integer\",\"minimum\":1,\"description\":\"Last line, "
                        + "inclusive; default the end (at most " + MAX_LINES + " lines are returned)\"}")
                .required("path")
                .build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.READ;
    }

    @Override
    protected ToolResult call(Workspace workspace, JsonNode arguments, ToolContext context) throws WorkspaceException {
        String path = text(arguments, "path", "");
        Path file = WorkspacePaths.existing(workspace.root(), path);
        if (!Files.isRegularFile(file)) {
            throw new WorkspaceException("'" + path + "' is not a regular file" + (Files.isDirectory(file)
                    ? "; list directories with workspace_list" : ""));
        }
        String content = text(file, MAX_BYTES);
        if (content.indexOf('\0') >= 0) {
            return ToolResult.ok(path + " is a binary file of " + size(file) + " bytes; not shown.");
        }
        List<String> lines = content.lines().toList();
        int start = arguments.path("start_line").asInt(1);
        int end = Math.min(lines.size(), arguments.path("end_line").asInt(lines.size()));
        int last = Math.min(end, start + MAX_LINES - 1);
        StringBuilder text = new StringBuilder(path + " (" + lines.size() + " lines"
                + (size(file) > MAX_BYTES ? ", only the first " + MAX_BYTES + " bytes read" : "") + "):\n");
        for (int i = start; i <= last; i++) {
            text.append(i).append("| ").append(lines.get(i - 1)).append('\n');
        }
        if (last < end) {
            text.append("[… lines ").append(last + 1).append(" to ").append(end).append(" not shown: ask for them]\n");
        }
        if (start > lines.size()) {
            text.append("(no line ").append(start).append(")\n");
        }
        return ToolResult.ok(text.toString());
    }

    /** @return the first {@code maxBytes} of a file as UTF-8, bad bytes replaced */
    static String text(Path file, long maxBytes) throws WorkspaceException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes((int) maxBytes), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WorkspaceException("could not read the file: " + e.getMessage());
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
