package dev.alfred.agents.tools.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.agents.tools.ToolSchema;
import dev.alfred.policies.RiskTier;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * {@code workspace_search {pattern, path?}} (tier {@code read}): the lines matching a Java regular expression in the
 * regular files under a directory (default the top), as {@code path:line: text}; symbolic links are not followed,
 * {@code .git}, binary files and files over 1 MiB are skipped; at most {@value #MAX_MATCHES} matches, lines cut to
 * 300 characters, and the search stops after {@value #BUDGET_MILLIS} ms (a pattern that backtracks without end
 * cannot stall the run).
 */
@Singleton
public class WorkspaceSearchTool extends WorkspaceTool {
    static final int MAX_MATCHES = 200;
    static final long BUDGET_MILLIS = 10_000;

    public WorkspaceSearchTool(Workspaces workspaces) {
        super(workspaces);
    }

    @Override
    public String name() {
        return "workspace_search";
    }

    @Override
    public String description() {
        return "Search the files of your checked-out repository for lines matching a regular expression (Java "
                + "syntax), e.g. 'timeout\\s*=' ; optionally under one directory.";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addStringProperty("pattern", "A regular expression, e.g. class\\s+Upload")
                .addStringProperty("path", "A directory or file relative to the repository's top; default the top")
                .required("pattern")
                .build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.READ;
    }

    @Override
    protected ToolResult call(Workspace workspace, JsonNode arguments, ToolContext context) throws WorkspaceException {
        Pattern pattern;
        try {
            pattern = Pattern.compile(text(arguments, "pattern", ""));
        } catch (PatternSyntaxException e) {
            throw new WorkspaceException("the pattern is not a valid regular expression: " + e.getDescription());
        }
        Path start = WorkspacePaths.existing(workspace.root(), text(arguments, "path", ""));
        long deadline = System.currentTimeMillis() + BUDGET_MILLIS;
        List<String> matches = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(start)) {
            for (Path file : (Iterable<Path>) walk.filter(path -> !path.toString().contains("/.git/")
                    && !path.getFileName().toString().equals(".git")
                    && Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))::iterator) {
                if (matches.size() >= MAX_MATCHES || System.currentTimeMillis() > deadline) {
                    break;
                }
                search(workspace.root(), file, pattern, deadline, matches);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new WorkspaceException("the search failed: " + e.getMessage());
        }
        String limit = matches.size() >= MAX_MATCHES ? "\n[stopped at " + MAX_MATCHES + " matches: narrow the search]"
                : System.currentTimeMillis() > deadline ? "\n[stopped after " + BUDGET_MILLIS / 1000 + " s: narrow "
                        + "the search or simplify the pattern]" : "";
        return ToolResult.ok(matches.isEmpty() ? "No matches." + limit : String.join("\n", matches) + limit);
    }

    private static void search(Path root, Path file, Pattern pattern, long deadline, List<String> matches)
            throws IOException, WorkspaceException {
        if (Files.size(file) > 1024 * 1024) {
            return;
        }
        String content = WorkspaceReadTool.text(file, 1024 * 1024);
        if (content.indexOf('\0') >= 0) {
            return;
        }
        int number = 0;
        for (String line : (Iterable<String>) content.lines()::iterator) {
            number++;
            if (matches.size() >= MAX_MATCHES) {
                return;
            }
            try {
                if (pattern.matcher(new Deadline(line, deadline)).find()) {
                    matches.add(root.relativize(file) + ":" + number + ": "
                            + (line.length() > 300 ? line.substring(0, 300) + "…" : line));
                }
            } catch (IllegalStateException timeIsUp) {
                return;
            }
        }
    }

    /** A line that stops a regular expression at the deadline, by failing its character reads. */
    private record Deadline(String text, long deadline) implements CharSequence {
        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if ((index & 0xff) == 0 && System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("search time is up");
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Deadline(text.substring(start, end), deadline);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
