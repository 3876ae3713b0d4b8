package dev.alfred.bot.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A git remote on the local disk for the workspace tests: bare repositories under {@code <dir>/<owner>/<name>}
 * (reachable with {@code ALFRED_GIT_URL=file://<dir>/}), each with a reflog so a test can count the updates of a
 * branch, filled through a scratch clone with the git binary.
 */
public final class LocalGitRemote {
    private final Path dir;

    private LocalGitRemote(Path dir) {
        this.dir = dir;
    }

    /** @return an empty remote in a new temporary directory */
    public static LocalGitRemote create() throws IOException {
        return new LocalGitRemote(Files.createTempDirectory("alfred-remote").toRealPath());
    }

    /** @return the {@code ALFRED_GIT_URL} prefix of this remote */
    public String url() {
        return "file://" + dir + "/";
    }

    /**
     * Makes {@code owner/name} with one commit on {@code main} holding {@code files} (path → content).
     *
     * @return the commit
     */
    public String repository(String repo, Map<String, String> files) throws IOException {
        Path bare = Files.createDirectories(dir.resolve(repo));
        git(bare, "init", "--bare", "--quiet", "--initial-branch=main");
        git(bare, "config", "core.logAllRefUpdates", "always");
        Path scratch = Files.createTempDirectory("alfred-scratch");
        git(scratch, "clone", "--quiet", bare.toString(), ".");
        git(scratch, "checkout", "--quiet", "-b", "main");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = scratch.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        git(scratch, "add", "--all");
        git(scratch, "commit", "--quiet", "-m", "Initial commit");
        git(scratch, "push", "--quiet", "origin", "main");
        return git(scratch, "rev-parse", "HEAD").strip();
    }

    /** @return the branches of {@code repo}, sorted */
    public List<String> branches(String repo) throws IOException {
        return git(dir.resolve(repo), "for-each-ref", "--format=%(refname:short)", "refs/heads").lines().toList();
    }

    /** @return the commit {@code ref} names in {@code repo} */
    public String commit(String repo, String ref) throws IOException {
        return git(dir.resolve(repo), "rev-parse", ref).strip();
    }

    /** @return a file's content at {@code ref} */
    public String show(String repo, String ref, String path) throws IOException {
        return git(dir.resolve(repo), "show", ref + ":" + path);
    }

    /** @return how many times {@code branch} of {@code repo} was created or moved, from its reflog */
    public int updates(String repo, String branch) throws IOException {
        return (int) git(dir.resolve(repo), "reflog", "show", "--format=%H", "refs/heads/" + branch).lines().count();
    }

    private static String git(Path where, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@localhost"));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).directory(where.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("git " + String.join(" ", args) + " failed: " + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
