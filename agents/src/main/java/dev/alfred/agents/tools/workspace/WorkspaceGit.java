package dev.alfred.agents.tools.workspace;

import java.util.ArrayList;
import java.util.List;

/**
 * The git work of {@code workspace_diff}, {@code workspace_commit} and {@code workspace_push} on one workspace,
 * always with the worktree's git directory named ({@link Git}).
 */
final class WorkspaceGit {
    private final Git git;
    private final Workspace workspace;

    WorkspaceGit(Git git, Workspace workspace) {
        this.git = git;
        this.workspace = workspace;
    }

    /**
     * Stages every change in the worktree ({@code git add -A}; {@code .gitignore} is honoured).
     *
     * @throws WorkspaceException when a command made a nested repository (a {@code .git} below the top), which git
     *                            would record as an embedded repository or refuse to add
     */
    void stageAll() throws WorkspaceException {
        try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(workspace.root())) {
            List<String> nested = walk.filter(path -> path.getFileName().toString().equals(".git")
                    && !path.getParent().equals(workspace.root())).limit(5)
                    .map(path -> workspace.root().relativize(path).toString()).toList();
            if (!nested.isEmpty()) {
                throw new WorkspaceException("the worktree holds nested git repositories (" + String.join(", ", nested)
                        + "); remove them (e.g. rm -rf " + nested.get(0) + ") before committing");
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw new WorkspaceException("the worktree could not be read: " + e.getMessage());
        }
        local("add", "--all");
    }

    /** @return paths with changes not committed, from {@code git status --porcelain} */
    List<String> uncommitted() throws WorkspaceException {
        List<String> paths = new ArrayList<>();
        for (String line : local("status", "--porcelain", "--untracked-files=all").split("\n")) {
            if (line.length() > 3) {
                paths.add(line.substring(3));
            }
        }
        return paths;
    }

    /**
     * @param committedOnly true for the run's branch alone (what a push sends); false for everything in the worktree,
     *                      staged first
     * @param diffChars     characters of the diff kept
     * @return the change since the branch's base commit
     */
    Changes changes(boolean committedOnly, int diffChars) throws WorkspaceException {
        List<String> uncommitted = uncommitted();
        List<String> range = new ArrayList<>(List.of("diff", "--no-renames", "--no-ext-diff", "--no-textconv"));
        if (committedOnly) {
            range.addAll(List.of(workspace.baseCommit(), "refs/heads/" + workspace.branch()));
        } else {
            stageAll();
            range.addAll(List.of("--cached", workspace.baseCommit()));
        }
        List<Changes.FileChange> files = new ArrayList<>();
        for (String line : local(with(range, "--numstat")).split("\n")) {
            String[] parts = line.split("\t", 3);
            if (parts.length == 3) {
                boolean binary = parts[0].equals("-");
                files.add(new Changes.FileChange(parts[2], binary ? -1 : Integer.parseInt(parts[0]),
                        binary ? -1 : Integer.parseInt(parts[1])));
            }
        }
        String diff = local(range.toArray(String[]::new));
        List<String> commits = local("log", "--format=%h %s", "--no-decorate", workspace.baseCommit() + "..refs/heads/"
                + workspace.branch()).lines().filter(line -> !line.isBlank()).toList();
        return new Changes(files, commits, uncommitted, diff.length() <= diffChars ? diff
                : diff.substring(0, diffChars), diff.length());
    }

    /** @return the short hash of the new commit */
    String commit(String message) throws WorkspaceException {
        stageAll();
        if (uncommitted().isEmpty()) {
            throw new WorkspaceException("there is nothing to commit: the worktree has no changes since the last "
                    + "commit");
        }
        local("commit", "--quiet", "--no-verify", "--message", message);
        return local("rev-parse", "--short=12", "HEAD").strip();
    }

    /** @return the number of commits on the run's branch since its base */
    int commitsAhead() throws WorkspaceException {
        return Integer.parseInt(local("rev-list", "--count", workspace.baseCommit() + "..refs/heads/"
                + workspace.branch()).strip());
    }

    /**
     * Pushes the run's branch to the same name on {@code origin}: never forced, never another branch.
     *
     * @return git's porcelain report
     */
    String push() throws WorkspaceException {
        String ref = "refs/heads/" + workspace.branch();
        return git.remote(workspace.cache(), "push", "--porcelain", "--no-verify", "origin", ref + ":" + ref);
    }

    private String local(String... args) throws WorkspaceException {
        return git.local(workspace.gitDir(), workspace.root(), args);
    }

    private static String[] with(List<String> args, String option) {
        List<String> all = new ArrayList<>(args);
        all.add(1, option);
        return all.toArray(String[]::new);
    }
}
