package dev.alfred.agents.tools.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Confinement: turns a path the model gave into a real path inside the worktree, or refuses it. Paths are relative
 * to the worktree's top; refused are absolute paths, any {@code ..} segment, any {@code .git} segment (the link to
 * Alfred's git directory and nested repositories' internals belong to Alfred), NUL characters, and anything whose
 * real path (every symbolic link followed, {@link Path#toRealPath}) lies outside the worktree. A path that does not
 * exist yet is checked through its nearest existing ancestor, and may not end in a symbolic link.
 */
public final class WorkspacePaths {
    private WorkspacePaths() {
    }

    /**
     * @param root     the worktree's real path
     * @param relative the path as the model gave it; blank or {@code .} for the top
     * @return the existing path's real path, inside {@code root}
     * @throws WorkspaceException when it is refused or does not exist
     */
    public static Path existing(Path root, String relative) throws WorkspaceException {
        Path candidate = lexical(root, relative);
        if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            throw new WorkspaceException("'" + relative + "' does not exist in the worktree");
        }
        return inside(root, relative, candidate);
    }

    /**
     * @return the real path to write {@code relative} at: an existing regular file's real path, or a new file in an
     *         existing or new directory inside {@code root}; missing directories are not created here
     * @throws WorkspaceException when it is refused, or names a directory or something other than a regular file
     */
    public static Path forWrite(Path root, String relative) throws WorkspaceException {
        Path candidate = lexical(root, relative);
        if (candidate.equals(root)) {
            throw new WorkspaceException("a file path is needed, not the worktree's top");
        }
        if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            Path real = inside(root, relative, candidate);
            if (!Files.isRegularFile(real)) {
                throw new WorkspaceException("'" + relative + "' exists and is not a regular file");
            }
            return real;
        }
        Path ancestor = candidate.getParent();
        while (!Files.exists(ancestor, LinkOption.NOFOLLOW_LINKS)) {
            ancestor = ancestor.getParent();
        }
        Path realAncestor = inside(root, relative, ancestor);
        if (!Files.isDirectory(realAncestor)) {
            throw new WorkspaceException("'" + root.relativize(ancestor) + "' is not a directory");
        }
        return realAncestor.resolve(ancestor.relativize(candidate));
    }

    /** @return {@code relative} joined to {@code root} after the lexical checks; nothing read from disk */
    static Path lexical(Path root, String relative) throws WorkspaceException {
        String path = relative == null ? "" : relative.strip();
        if (path.indexOf('\0') >= 0) {
            throw new WorkspaceException("the path contains a NUL character");
        }
        if (path.startsWith("/") || Path.of(path.isEmpty() ? "." : path).isAbsolute()) {
            throw new WorkspaceException("'" + path + "' is absolute: paths are relative to the worktree's top");
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw new WorkspaceException("'" + path + "' contains '..': paths may not leave the worktree");
            }
            if (segment.toLowerCase(Locale.ROOT).equals(".git")) {
                throw new WorkspaceException("'" + path + "' reaches into .git, which belongs to Alfred: use "
                        + "workspace_diff and workspace_commit for git");
            }
        }
        return root.resolve(path).normalize();
    }

    private static Path inside(Path root, String relative, Path candidate) throws WorkspaceException {
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            throw new WorkspaceException("'" + relative + "' is a symbolic link to nothing that exists");
        }
        if (!real.startsWith(root)) {
            throw new WorkspaceException("'" + relative + "' resolves outside the worktree (through a symbolic "
                    + "link); only files inside it may be used");
        }
        if (!real.equals(root) && root.relativize(real).getName(0).toString().equalsIgnoreCase(".git")) {
            throw new WorkspaceException("'" + relative + "' resolves into .git, which belongs to Alfred");
        }
        return real;
    }
}
