package dev.alfred.bot.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./alfred demo --example code}: a small repository with a failing test, made with the git binary as a bare
 * repository {@code demo/widgets} under the demo's home, which the workspace tools clone from
 * ({@code ALFRED_GIT_URL=file://…}) and push to. {@code greeting.sh} prints {@code Helo, world}; {@code test.sh}
 * expects {@code Hello, world}.
 */
final class CodeExample {
    /** The repository's name, {@code owner/name}. */
    static final String REPO = "demo/widgets";
    /** The task the example gives, to the engineering agent. */
    static final String TASK = "@lucius the tests of " + REPO + " fail: fix them and propose the change";

    private final Path remote;

    private CodeExample(Path remote) {
        this.remote = remote;
    }

    /** Makes the repository under {@code home/remote}. */
    static CodeExample create(Path home) throws IOException {
        Path remote = Files.createDirectories(home.resolve("remote"));
        Path bare = Files.createDirectories(remote.resolve(REPO));
        git(bare, "init", "--bare", "--quiet", "--initial-branch=main");
        Path scratch = Files.createDirectories(home.resolve("scratch"));
        git(scratch, "init", "--quiet", "--initial-branch=main");
        for (Map.Entry<String, String> file : Map.of(
                "README.md", "# widgets\nA demo repository for ./alfred demo --example code.\n",
                "AGENTS.md", "Run the tests with `sh test.sh`. Keep changes small.\n",
                "greeting.sh", "#!/bin/sh\necho \"Helo, world\"\n",
                "test.sh", "#!/bin/sh\ngot=\"$(sh greeting.sh)\"\n[ \"$got\" = \"Hello, world\" ] && echo \"ok\" "
                        + "|| { echo \"FAIL: expected 'Hello, world', got '$got'\"; exit 1; }\n").entrySet()) {
            Files.writeString(scratch.resolve(file.getKey()), file.getValue());
        }
        git(scratch, "add", "--all");
        git(scratch, "commit", "--quiet", "-m", "A greeting and its test");
        git(scratch, "push", "--quiet", bare.toString(), "main");
        return new CodeExample(remote);
    }

    /** @return the {@code ALFRED_GIT_URL} of the demo's remote */
    String gitUrl() {
        return "file://" + remote + "/";
    }

    /** @return the branches of the demo repository now */
    List<String> branches() throws IOException {
        return git(remote.resolve(REPO), "for-each-ref", "--format=%(refname:short)", "refs/heads").lines().toList();
    }

    private static String git(Path where, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("git", "-c", "user.name=Demo", "-c", "user.email=demo@localhost",
                "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null"));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).directory(where.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("git " + String.join(" ", args) + " failed (is git installed?): " + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
