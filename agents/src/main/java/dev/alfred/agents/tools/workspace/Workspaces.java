package dev.alfred.agents.tools.workspace;

import dev.alfred.agents.tools.github.GitHubSettings;
import dev.alfred.agents.tools.github.GitHubTool;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The runs' worktrees: {@code ALFRED_HOME/workspaces/<runId>}, each a {@code git worktree} of the repository's
 * {@link GitCache cache} on branch {@code alfred/<runId>}. A run has at most one. The branch and the commit it
 * started from are recorded in the cache ({@code branch.alfred/<runId>.alfredbase} and {@code .alfredbasebranch}),
 * so a run that resumes where its worktree is gone (a crash, a new machine with the same {@code ALFRED_HOME}) gets it
 * back from the branch's last commit; {@link #remove} deletes the worktree and keeps the branch.
 */
@Singleton
public class Workspaces {
    private static final Pattern RUN_ID = Pattern.compile("[a-z0-9]{1,32}");
    private static final Pattern REPO = Pattern.compile(GitHubTool.REPO_PATTERN);

    private final Path home;
    private final Git git;
    private final GitCache caches;
    private final GitRemotes remotes;
    private final WorkspaceSettings settings;

    public Workspaces(@Value("${alfred.home:}") @Nullable String home, WorkspaceSettings settings,
            GitHubSettings github) {
        this.home = realHome(home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".alfred")
                : Path.of(home));
        this.settings = settings;
        this.remotes = new GitRemotes(settings.getGitUrl(), github.getApiUrl());
        this.git = new Git(this.home, settings.getGitTimeout(), settings.getAuthorName(), settings.getAuthorEmail(),
                remotes.githubHost() == null ? null : github.getToken(), remotes.githubHost());
        this.caches = new GitCache(this.home.resolve("git-cache"), git);
    }

    /**
     * Checks a repository out for a run, on a new branch {@code alfred/<runId>}; the same repository again gives the
     * run's existing workspace.
     *
     * @param repo {@code owner/name}
     * @param ref  a branch, tag or commit; null for the default branch
     * @throws WorkspaceException when the repository or ref cannot be had, or the run works on another repository
     */
    public Workspace checkout(String runId, String repo, @Nullable String ref) throws WorkspaceException {
        if (!REPO.matcher(repo).matches()) {
            throw new WorkspaceException("'" + repo + "' is not a repository name of the form owner/name");
        }
        Optional<Workspace> existing = find(runId);
        if (existing.isPresent()) {
            if (existing.get().repo().equals(repo)) {
                return existing.get();
            }
            throw new WorkspaceException("this run already works on " + existing.get().repo() + "; a run has one "
                    + "workspace");
        }
        Path cache = caches.of(repo);
        synchronized (caches.lock(cache)) {
            caches.fetch(repo, remotes.url(repo));
            String[] base = caches.resolve(cache, repo, ref);
            Path root = root(runId);
            GitCache.deleteQuietly(root);
            String branch = Workspace.branchOf(runId);
            git.local(cache, null, "worktree", "add", "--quiet", "--no-track", "-b", branch, root.toString(), base[0]);
            git.local(cache, null, "config", "branch." + branch + ".alfredbase", base[0]);
            git.local(cache, null, "config", "branch." + branch + ".alfredbasebranch", base[1]);
            return open(runId, cache, false);
        }
    }

    /**
     * @return the run's workspace, re-created from its branch when the worktree is gone; empty when the run never
     *         checked anything out
     * @throws WorkspaceException when it exists but cannot be re-created
     */
    public Optional<Workspace> find(String runId) throws WorkspaceException {
        Optional<Path> cache = cacheOf(runId);
        if (cache.isEmpty()) {
            return Optional.empty();
        }
        synchronized (caches.lock(cache.get())) {
            Path root = root(runId);
            if (adminDir(cache.get(), root).isPresent() && Files.isDirectory(root)) {
                return Optional.of(open(runId, cache.get(), false));
            }
            GitCache.deleteQuietly(root);
            git.local(cache.get(), null, "worktree", "prune");
            git.local(cache.get(), null, "worktree", "add", "--quiet", root.toString(), Workspace.branchOf(runId));
            return Optional.of(open(runId, cache.get(), true));
        }
    }

    /** Removes the run's worktree, keeping its branch in the cache; nothing when it has none. Never throws. */
    public void remove(String runId) {
        Optional<Path> cache = cacheOf(runId);
        Path root = root(runId);
        if (cache.isPresent()) {
            synchronized (caches.lock(cache.get())) {
                GitCache.deleteQuietly(root);
                try {
                    git.local(cache.get(), null, "worktree", "prune");
                } catch (WorkspaceException e) {
                    // the next prune tidies it
                }
            }
        }
        GitCache.deleteQuietly(root);
    }

    /** @return the clone URLs' GitHub host, or null when they are not on GitHub */
    @Nullable
    public String githubHost() {
        return remotes.githubHost();
    }

    /** @return the bytes a worktree may use */
    public long maxDisk() {
        return settings.getMaxDisk();
    }

    /** @return git, for the tools that commit, diff and push */
    Git git() {
        return git;
    }

    /** @return {@code ALFRED_HOME} */
    public Path home() {
        return home;
    }

    /**
     * @return the home's real path (symbolic links resolved, so git's recorded paths match ours): the real path of
     *         its nearest existing ancestor with the rest appended; nothing is created here
     */
    private static Path realHome(Path home) {
        Path absolute = home.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? absolute : existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }

    private Path root(String runId) {
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("not a run id: " + runId);
        }
        return home.resolve("workspaces").resolve(runId);
    }

    private Optional<Path> cacheOf(String runId) {
        String branch = Workspace.branchOf(runId);
        return caches.all().stream().filter(cache -> GitCache.hasBranch(cache, branch)).findFirst();
    }

    private Workspace open(String runId, Path cache, boolean recreated) throws WorkspaceException {
        Path root = root(runId);
        Path admin = adminDir(cache, root).orElseThrow(() -> new WorkspaceException("the worktree of run " + runId
                + " is not registered in its cache"));
        try {
            Files.writeString(root.resolve(".git"), "gitdir: " + admin + "\n");
            String branch = Workspace.branchOf(runId);
            return new Workspace(runId, GitCache.repoOf(cache), root.toRealPath(), admin, cache, branch,
                    git.local(cache, null, "config", "branch." + branch + ".alfredbase").strip(),
                    git.local(cache, null, "config", "branch." + branch + ".alfredbasebranch").strip(), recreated);
        } catch (IOException e) {
            throw new WorkspaceException("the worktree of run " + runId + " cannot be used: "
                    + git.redact(e.getMessage()));
        }
    }

    /** @return the administrative directory in {@code cache} of the worktree at {@code root}, read from git's files */
    private static Optional<Path> adminDir(Path cache, Path root) {
        Path worktrees = cache.resolve("worktrees");
        if (!Files.isDirectory(worktrees)) {
            return Optional.empty();
        }
        String expected = root.resolve(".git").toString();
        try (var admins = Files.list(worktrees)) {
            return admins.filter(admin -> {
                try {
                    return Files.readString(admin.resolve("gitdir")).strip().equals(expected);
                } catch (IOException e) {
                    return false;
                }
            }).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
