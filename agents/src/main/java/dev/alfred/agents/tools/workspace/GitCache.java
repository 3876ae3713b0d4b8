package dev.alfred.agents.tools.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One bare repository per remote repository under {@code ALFRED_HOME/git-cache/<owner>/<name>.git}, fetched before
 * each checkout; runs' worktrees and branches live in it. Remote branches are kept as {@code refs/remotes/origin/*},
 * so they never mix with the runs' {@code alfred/*} branches. Operations on one cache are serialised in this
 * process.
 */
final class GitCache {
    private final Path root;
    private final Git git;
    private final Map<Path, Object> locks = new ConcurrentHashMap<>();

    /** @param root {@code ALFRED_HOME/git-cache} */
    GitCache(Path root, Git git) {
        this.root = root;
        this.git = git;
    }

    /** @return the cache directory of {@code owner/name} */
    Path of(String repo) {
        String[] parts = repo.split("/", 2);
        return root.resolve(parts[0]).resolve(parts[1] + ".git");
    }

    /** @return the lock serialising work on one cache */
    Object lock(Path cache) {
        return locks.computeIfAbsent(cache, path -> new Object());
    }

    /**
     * Makes the cache if needed and fetches every branch and tag of {@code url} into it. Call under {@link #lock}.
     *
     * @return the cache directory
     * @throws WorkspaceException when the remote cannot be read
     */
    Path fetch(String repo, String url) throws WorkspaceException {
        Path cache = of(repo);
        boolean fresh = !Files.isDirectory(cache);
        if (fresh) {
            try {
                Files.createDirectories(cache.getParent());
            } catch (IOException e) {
                throw new WorkspaceException("could not make the git cache: " + git.redact(e.getMessage()));
            }
            git.initBare(cache);
            git.local(cache, null, "config", "remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*");
        }
        git.local(cache, null, "config", "remote.origin.url", url);
        try {
            git.remote(cache, "fetch", "--quiet", "--prune", "--tags", "origin");
            if (fresh || git.local(cache, null, "for-each-ref", "refs/remotes/origin/HEAD").isBlank()) {
                git.remote(cache, "remote", "set-head", "origin", "--auto");
            }
        } catch (WorkspaceException e) {
            if (fresh) {
                deleteQuietly(cache);
            }
            throw new WorkspaceException("could not fetch " + repo + ": " + e.getMessage());
        }
        return cache;
    }

    /** @return the remote's default branch, e.g. {@code main}, as last fetched */
    String defaultBranch(Path cache) throws WorkspaceException {
        String head = git.local(cache, null, "symbolic-ref", "--short", "refs/remotes/origin/HEAD").strip();
        return head.startsWith("origin/") ? head.substring("origin/".length()) : head;
    }

    /**
     * @param ref a remote branch, a tag or a commit; null for the default branch
     * @return the commit and the base branch (the ref when it is a remote branch, else the default branch)
     * @throws WorkspaceException when the ref names nothing in the repository
     */
    String[] resolve(Path cache, String repo, String ref) throws WorkspaceException {
        String branch = ref == null || ref.isBlank() ? defaultBranch(cache) : ref.strip();
        if (branch.startsWith("-")) {
            throw new WorkspaceException("'" + branch + "' is not a ref");
        }
        for (String candidate : List.of("refs/remotes/origin/" + branch, "refs/tags/" + branch, branch)) {
            try {
                String commit = git.local(cache, null, "rev-parse", "--verify", "--quiet", "--end-of-options",
                        candidate + "^{commit}").strip();
                return new String[] {commit, candidate.startsWith("refs/remotes/") ? branch : defaultBranch(cache)};
            } catch (WorkspaceException notThisOne) {
                // try the next reading of the ref
            }
        }
        throw new WorkspaceException("'" + branch + "' is no branch, tag or commit of " + repo);
    }

    /** @return every cache directory, for finding a run's branch after a crash */
    List<Path> all() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> owners = Files.list(root)) {
            return owners.filter(Files::isDirectory).flatMap(owner -> {
                try (Stream<Path> repos = Files.list(owner)) {
                    return repos.filter(path -> path.getFileName().toString().endsWith(".git")).toList().stream();
                } catch (IOException e) {
                    return Stream.empty();
                }
            }).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** @return the {@code owner/name} a cache directory holds */
    static String repoOf(Path cache) {
        String name = cache.getFileName().toString();
        return cache.getParent().getFileName() + "/" + name.substring(0, name.length() - ".git".length());
    }

    /**
     * @return whether {@code cache} has the branch, read from its ref files (loose, then {@code packed-refs}) without
     *         starting git
     */
    static boolean hasBranch(Path cache, String branch) {
        if (Files.isRegularFile(cache.resolve("refs/heads").resolve(branch))) {
            return true;
        }
        try {
            return Files.readAllLines(cache.resolve("packed-refs")).stream()
                    .anyMatch(line -> line.endsWith(" refs/heads/" + branch));
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> dirs = Files.walk(dir)) {
            dirs.filter(path -> Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .forEach(path -> path.toFile().setWritable(true, true));
        } catch (IOException | java.io.UncheckedIOException e) {
            // deleting below says what could not go
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // best effort: what is left is reported by the next checkout
        }
    }
}
