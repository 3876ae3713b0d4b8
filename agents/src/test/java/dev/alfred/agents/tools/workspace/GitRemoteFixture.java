package dev.alfred.agents.tools.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real git remote for tests: bare repositories under {@code <dir>/<owner>/<name>}, reachable with
 * {@code ALFRED_GIT_URL=file://<dir>/}, filled through a scratch clone with the git binary.
 */
final class GitRemoteFixture {
    final Path dir;

    GitRemoteFixture(Path dir) {
        this.dir = dir;
    }

    /** @return the {@code ALFRED_GIT_URL} prefix of this remote */
    String url() {
        return "file://" + dir + "/";
    }

    /**
     * Makes {@code owner/name} with one commit on {@code main} holding {@code files} (path → content).
     *
     * @return the commit
     */
    String repository(String repo, Map<String, String> files) throws IOException {
        Path bare = dir.resolve(repo);
        Files.createDirectories(bare);
        git(bare, "init", "--bare", "--quiet", "--initial-branch=main");
        Path scratch = Files.createTempDirectory("alfred-fixture");
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

    /** @return the commit of {@code ref} in the remote {@code repo}, or empty when it has no such ref */
    String commit(String repo, String ref) throws IOException {
        try {
            return git(dir.resolve(repo), "rev-parse", "--verify", "--quiet", ref).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** @return the branches of the remote {@code repo} */
    List<String> branches(String repo) throws IOException {
        return git(dir.resolve(repo), "for-each-ref", "--format=%(refname:short)", "refs/heads").lines().toList();
    }

    /** Runs git in {@code where} and returns its standard output; throws when it fails. */
    static String git(Path where, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@localhost",
                "-c", "init.defaultBranch=main"));
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
