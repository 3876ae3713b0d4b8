package dev.alfred.agents.tools.workspace.sandbox;

import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Runs {@code workspace_exec}'s commands. Chosen once at start from {@code ALFRED_SANDBOX} ({@code alfred.sandbox.mode})
 * and a {@link SandboxProbe}:
 * <ul>
 *   <li>{@code bwrap}, or unset: commands run under {@link SandboxPolicy#forWorktree} in bubblewrap; when bubblewrap
 *       does not work here, every command is refused with {@link #refusal()}, which says how to install it or that
 *       {@code ALFRED_SANDBOX=none} runs commands unsandboxed</li>
 *   <li>{@code none}: commands run on the host as Alfred's user, in the worktree, with the same environment, time,
 *       output and file-size limits but nothing else between them and the host; {@link #unsandboxed()} is true, so
 *       {@code workspace_exec} is then {@code destructive} and each command needs approval</li>
 * </ul>
 * Either way a command gets a pids cgroup of its own when one can be made (see {@link PidsCgroup}).
 *
 * <p>The probe runs {@code bwrap} and a shell as child processes (about 0.1 s), so {@link #start} runs it on a
 * daemon thread of its own, beside the rest of start-up (issue 22: start-up under 1.5 s); the first call that needs
 * its result ({@link #refusal}, {@link #describe}, {@link #exec}) waits for it. {@link #unsandboxed()} depends on the
 * mode alone and never waits.
 */
public final class Sandbox {
    /** The refusal's advice, for the thread and the start-up log. */
    public static final String HOW_TO_FIX = "Install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap; Fedora: "
            + "dnf install bubblewrap; Alpine: apk add bubblewrap) where Alfred runs and restart it, or set "
            + "ALFRED_SANDBOX=none to run commands unsandboxed on Alfred's host, each one then approved as destructive.";

    private final boolean unsandboxed;
    private final CompletableFuture<Host> host;
    private final List<String> extraReadOnly;

    /** What the probe found: the tools, and the pids cgroups when they can be made (else null). */
    private record Host(SandboxProbe.Result probe, @Nullable PidsCgroup cgroups) {
    }

    private Sandbox(boolean unsandboxed, CompletableFuture<Host> host, List<String> extraReadOnly) {
        this.unsandboxed = unsandboxed;
        this.host = host;
        this.extraReadOnly = List.copyOf(extraReadOnly);
    }

    /**
     * Picks the mode and starts probing the host on a daemon thread ({@code alfred-sandbox-probe}).
     *
     * @param mode          {@code ALFRED_SANDBOX}: {@code bwrap}, {@code none}, or blank for {@code bwrap}
     * @param extraReadOnly host paths to mount read-only besides {@link SandboxPolicy#SYSTEM_PATHS}
     * @param probed        told, on the probing thread, once the probe is done: for the start-up log
     * @throws IllegalArgumentException for any other mode
     */
    public static Sandbox start(@Nullable String mode, List<String> extraReadOnly, SandboxLimits limits,
            Consumer<Sandbox> probed) {
        String chosen = mode == null || mode.isBlank() ? "bwrap" : mode.strip().toLowerCase(java.util.Locale.ROOT);
        if (!chosen.equals("bwrap") && !chosen.equals("none")) {
            throw new IllegalArgumentException("ALFRED_SANDBOX must be bwrap or none, was '" + mode + "'");
        }
        boolean none = chosen.equals("none");
        List<String> readOnly = List.copyOf(extraReadOnly);
        CompletableFuture<Host> host = new CompletableFuture<>();
        Sandbox sandbox = new Sandbox(none, host, readOnly);
        Thread thread = new Thread(() -> {
            try {
                SandboxProbe.Result probe = none
                        ? new SandboxProbe.Result(null, SandboxProbe.find("prlimit").orElse(null), null)
                        : SandboxProbe.probe(readOnly, limits);
                host.complete(new Host(probe, PidsCgroup.find().orElse(null)));
            } catch (RuntimeException | Error e) {
                host.complete(new Host(new SandboxProbe.Result(null, null, "the sandbox probe failed: " + e), null));
            }
            probed.accept(sandbox);
        }, "alfred-sandbox-probe");
        thread.setDaemon(true);
        // Background work: nice 10 with alfred.jvmoptions' priority mapping, so start-up's main thread comes first.
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return sandbox;
    }

    /** {@link #start(String, List, SandboxLimits, Consumer)} with nobody told when the probe is done. */
    public static Sandbox start(@Nullable String mode, List<String> extraReadOnly, SandboxLimits limits) {
        return start(mode, extraReadOnly, limits, probed -> { });
    }

    /** @return a sandbox from a probe's result, without pids cgroups: for tests of what a host lacks */
    static Sandbox of(boolean unsandboxed, SandboxProbe.Result probe, List<String> extraReadOnly) {
        return new Sandbox(unsandboxed, CompletableFuture.completedFuture(new Host(probe, null)), extraReadOnly);
    }

    /** @return whether commands run on the host without a sandbox ({@code ALFRED_SANDBOX=none}) */
    public boolean unsandboxed() {
        return unsandboxed;
    }

    /** @return why commands cannot run, with {@link #HOW_TO_FIX}; empty when they can */
    public Optional<String> refusal() {
        SandboxProbe.Result probe = host.join().probe();
        if (unsandboxed || probe.works()) {
            return Optional.empty();
        }
        return Optional.of("workspace_exec cannot run commands here: " + probe.failure() + ". " + HOW_TO_FIX);
    }

    /** @return what the sandbox is, for the start-up log */
    public String describe() {
        Host found = host.join();
        SandboxProbe.Result probe = found.probe();
        PidsCgroup cgroups = found.cgroups();
        String limits = (probe.prlimit() == null ? "no process or file-size rlimits (prlimit not found)"
                : "rlimits via " + probe.prlimit()) + ", " + (cgroups == null ? "no pids cgroup"
                : "pids cgroups under " + cgroups.parent());
        if (unsandboxed) {
            return "ALFRED_SANDBOX=none: commands run UNSANDBOXED on this host; " + limits;
        }
        return probe.works() ? "bubblewrap at " + probe.bwrap() + "; " + limits : refusal().orElseThrow();
    }

    /**
     * Runs a command in a worktree.
     *
     * @param worktree the run's worktree, absolute
     * @param command  a shell command, for {@code /bin/sh -c}
     * @return how it ended
     * @throws IOException           when the sandbox cannot be started
     * @throws IllegalStateException when commands are refused here ({@link #refusal()})
     */
    public ExecResult exec(Path worktree, String command, SandboxLimits limits) throws IOException {
        refusal().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        Host found = host.join();
        SandboxProbe.Result probe = found.probe();
        PidsCgroup cgroups = found.cgroups();
        SandboxPolicy policy = SandboxPolicy.forWorktree(worktree, extraReadOnly, limits);
        List<String> argv = unsandboxed ? hostCommand(policy, command)
                : BubblewrapCommand.argv(probe.bwrap(), policy, probe.prlimit(), command);
        Path cgroup = cgroups == null ? null : cgroups.create(limits.processes());
        try {
            return ProcessRunner.run(cgroup == null ? argv : cgroups.enter(cgroup, argv), environment(policy),
                    unsandboxed ? worktree : null, limits.timeout(), limits.outputBytes());
        } finally {
            if (cgroup != null) {
                cgroups.remove(cgroup);
            }
        }
    }

    /** Unsandboxed: only the file-size limit ({@code RLIMIT_NPROC} would count all of Alfred's own threads). */
    private List<String> hostCommand(SandboxPolicy policy, String command) {
        SandboxProbe.Result probe = host.join().probe();
        List<String> argv = new ArrayList<>();
        if (probe.prlimit() != null) {
            argv.addAll(List.of(probe.prlimit(), "--fsize=" + policy.limits().fileBytes(), "--core=0", "--"));
        }
        argv.addAll(List.of("/bin/sh", "-c", command));
        return argv;
    }

    private Map<String, String> environment(SandboxPolicy policy) {
        if (!unsandboxed) {
            return policy.environment();
        }
        Map<String, String> environment = new java.util.HashMap<>(policy.environment());
        environment.put("HOME", policy.writableRoot().toString());
        return environment;
    }
}
