package dev.alfred.agents.tools.workspace.sandbox;

import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 */
public final class Sandbox {
    /** The refusal's advice, for the thread and the start-up log. */
    public static final String HOW_TO_FIX = "Install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap; Fedora: "
            + "dnf install bubblewrap; Alpine: apk add bubblewrap) where Alfred runs and restart it, or set "
            + "ALFRED_SANDBOX=none to run commands unsandboxed on Alfred's host, each one then approved as destructive.";

    private final boolean unsandboxed;
    private final SandboxProbe.Result probe;
    private final List<String> extraReadOnly;
    @Nullable
    private final PidsCgroup cgroups;

    private Sandbox(boolean unsandboxed, SandboxProbe.Result probe, List<String> extraReadOnly,
            @Nullable PidsCgroup cgroups) {
        this.unsandboxed = unsandboxed;
        this.probe = probe;
        this.extraReadOnly = List.copyOf(extraReadOnly);
        this.cgroups = cgroups;
    }

    /**
     * Probes the host and picks the mode.
     *
     * @param mode          {@code ALFRED_SANDBOX}: {@code bwrap}, {@code none}, or blank for {@code bwrap}
     * @param extraReadOnly host paths to mount read-only besides {@link SandboxPolicy#SYSTEM_PATHS}
     * @throws IllegalArgumentException for any other mode
     */
    public static Sandbox start(@Nullable String mode, List<String> extraReadOnly, SandboxLimits limits) {
        String chosen = mode == null || mode.isBlank() ? "bwrap" : mode.strip().toLowerCase(java.util.Locale.ROOT);
        if (!chosen.equals("bwrap") && !chosen.equals("none")) {
            throw new IllegalArgumentException("ALFRED_SANDBOX must be bwrap or none, was '" + mode + "'");
        }
        SandboxProbe.Result probe = chosen.equals("none")
                ? new SandboxProbe.Result(null, SandboxProbe.find("prlimit").orElse(null), null)
                : SandboxProbe.probe(extraReadOnly, limits);
        return new Sandbox(chosen.equals("none"), probe, extraReadOnly, PidsCgroup.find().orElse(null));
    }

    /** @return a sandbox from a probe's result, without pids cgroups: for tests of what a host lacks */
    static Sandbox of(boolean unsandboxed, SandboxProbe.Result probe, List<String> extraReadOnly) {
        return new Sandbox(unsandboxed, probe, extraReadOnly, null);
    }

    /** @return whether commands run on the host without a sandbox ({@code ALFRED_SANDBOX=none}) */
    public boolean unsandboxed() {
        return unsandboxed;
    }

    /** @return why commands cannot run, with {@link #HOW_TO_FIX}; empty when they can */
    public Optional<String> refusal() {
        if (unsandboxed || probe.works()) {
            return Optional.empty();
        }
        return Optional.of("workspace_exec cannot run commands here: " + probe.failure() + ". " + HOW_TO_FIX);
    }

    /** @return what the sandbox is, for the start-up log */
    public String describe() {
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
