package dev.alfred.agents.tools.workspace;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's change as git reports it: files with lines added and removed, the commits, and the start of the diff.
 * Plain text only: the approval card and the model read the same {@link #describe} (DESIGN.md section 2 keeps Slack
 * syntax in the bot).
 *
 * @param files       the changed files
 * @param commits     the commits since the base, newest first, as {@code <short sha> <subject>}
 * @param uncommitted paths changed but not committed
 * @param diff        the unified diff, cut to the characters asked for
 * @param diffChars   the diff's whole length in characters
 */
public record Changes(List<FileChange> files, List<String> commits, List<String> uncommitted, String diff,
        long diffChars) {

    /**
     * One file.
     *
     * @param path    its path in the repository
     * @param added   lines added; -1 for a binary file
     * @param removed lines removed; -1 for a binary file
     */
    public record FileChange(String path, int added, int removed) {
    }

    /** @return lines added in all (binary files not counted) */
    public int added() {
        return files.stream().mapToInt(file -> Math.max(0, file.added())).sum();
    }

    /** @return lines removed in all */
    public int removed() {
        return files.stream().mapToInt(file -> Math.max(0, file.removed())).sum();
    }

    /**
     * @param maxFiles files listed at most
     * @return {@code N file(s) changed, +A -R}, then one line per file, the commits and what is not committed
     */
    public String describe(int maxFiles) {
        List<String> lines = new ArrayList<>();
        lines.add(files.size() + (files.size() == 1 ? " file" : " files") + " changed, +" + added() + " -" + removed());
        for (FileChange file : files.subList(0, Math.min(maxFiles, files.size()))) {
            lines.add("  " + file.path() + (file.added() < 0 ? "  (binary)" : "  +" + file.added() + " -"
                    + file.removed()));
        }
        if (files.size() > maxFiles) {
            lines.add("  … and " + (files.size() - maxFiles) + " more files");
        }
        if (!commits.isEmpty()) {
            lines.add("Commits (" + commits.size() + "):");
            commits.stream().limit(20).forEach(commit -> lines.add("  " + commit));
        }
        if (!uncommitted.isEmpty()) {
            lines.add("Not committed (" + uncommitted.size() + "): " + String.join(", ",
                    uncommitted.subList(0, Math.min(10, uncommitted.size()))) + (uncommitted.size() > 10 ? ", …" : ""));
        }
        return String.join("\n", lines);
    }

    /** @return the diff's start, and a line saying how much was cut when it was */
    public String diffStart() {
        return diff.length() >= diffChars ? diff : diff + "\n[… diff cut: " + diffChars + " characters in all]";
    }
}
