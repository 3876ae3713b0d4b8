package dev.alfred.agents.tools.workspace.sandbox;

import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Tries the sandbox once: finds {@code bwrap} and {@code prlimit}, runs {@code /bin/true} under the workspace policy
 * in a scratch directory, and says what works. Bubblewrap needs unprivileged user namespaces (or root); in a
 * container it usually needs them allowed by the runtime.
 */
public final class SandboxProbe {
    /** Where the tools are looked for, in order, before {@code PATH}. */
    private static final List<String> BIN = List.of("/usr/bin", "/bin", "/usr/local/bin");

    private SandboxProbe() {
    }

    /**
     * What the probe found.
     *
     * @param bwrap   the bwrap executable, or null when none was found
     * @param prlimit the prlimit executable, or null
     * @param failure why bubblewrap does not work here, or null when it does
     */
    public record Result(@Nullable String bwrap, @Nullable String prlimit, @Nullable String failure) {
        /** @return whether commands can run in the sandbox */
        public boolean works() {
            return bwrap != null && failure == null;
        }
    }

    /** @return what works on this host, found by running {@code /bin/true} in the sandbox */
    public static Result probe(List<String> extraReadOnly, SandboxLimits limits) {
        String prlimit = find("prlimit").orElse(null);
        Optional<String> bwrap = find("bwrap");
        if (bwrap.isEmpty()) {
            return new Result(null, prlimit, "bubblewrap (bwrap) is not installed");
        }
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("alfred-sandbox-probe");
            SandboxPolicy policy = SandboxPolicy.forWorktree(scratch, extraReadOnly, limits);
            ExecResult result = ProcessRunner.run(BubblewrapCommand.argv(bwrap.get(), policy, prlimit, "true"),
                    policy.environment(), null, Duration.ofSeconds(20), 4096);
            if (result.exitCode() != 0) {
                return new Result(bwrap.get(), prlimit, "bubblewrap does not work here (exit " + result.exitCode()
                        + "): " + result.stderr().strip());
            }
            return new Result(bwrap.get(), prlimit, null);
        } catch (IOException e) {
            return new Result(bwrap.get(), prlimit, "bubblewrap could not be started: " + e.getMessage());
        } finally {
            if (scratch != null) {
                scratch.toFile().delete();
            }
        }
    }

    /** @return the absolute path of an executable, from {@link #BIN} then {@code PATH} */
    static Optional<String> find(String name) {
        List<String> dirs = new java.util.ArrayList<>(BIN);
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        return dirs.stream().filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable).map(Path::toString).findFirst();
    }
}
