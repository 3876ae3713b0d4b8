package dev.alfred.agents.tools.workspace.sandbox;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sandboxed command may touch, as data. Everything not listed is invisible: the command sees a fresh root
 * with only these mounts, its own {@code /proc}, a minimal {@code /dev} and a private, empty {@code /tmp}.
 *
 * @param writableRoot  the one host directory the command may write, mounted at {@link #MOUNT_POINT} and made its
 *                      working directory (a run's worktree)
 * @param masked        files inside the writable root, relative to it, that the command can neither read nor change
 *                      (a worktree's {@code .git} link, which names Alfred's git directory); each must exist
 * @param readOnlyRoots host paths mounted read-only at the same place, when they exist
 * @param network       whether the command keeps the host's network; false gives it a network namespace with only
 *                      a loopback interface of its own
 * @param environment   the command's whole environment; nothing else of Alfred's is passed on
 * @param limits        time, output, process and file-size limits
 */
public record SandboxPolicy(Path writableRoot, List<String> masked, List<String> readOnlyRoots, boolean network,
        Map<String, String> environment, SandboxLimits limits) {
    /** Where the writable root appears inside the sandbox. */
    public static final String MOUNT_POINT = "/workspace";
    /** The host's system paths a command needs to run programs (DESIGN.md section 4: /usr, /bin, /lib*, /etc). */
    public static final List<String> SYSTEM_PATHS = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64",
            "/libx32", "/etc");

    public SandboxPolicy {
        masked = List.copyOf(masked);
        readOnlyRoots = List.copyOf(readOnlyRoots);
        environment = Map.copyOf(environment);
    }

    /**
     * The policy of {@code workspace_exec}: the worktree writable but for its {@code .git} link (masked when there
     * is one), the system paths and {@code extraReadOnly} (e.g. {@code /opt/java}) read-only, no network, and an environment of {@code PATH}, {@code HOME} (the private
     * {@code /tmp}) and {@code LANG} only.
     *
     * @param worktree      the run's worktree, an absolute path
     * @param extraReadOnly more host paths to mount read-only ({@code alfred.sandbox.read-only-paths})
     */
    public static SandboxPolicy forWorktree(Path worktree, List<String> extraReadOnly, SandboxLimits limits) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin");
        environment.put("HOME", "/tmp");
        environment.put("LANG", "C.UTF-8");
        List<String> readOnly = new java.util.ArrayList<>(SYSTEM_PATHS);
        extraReadOnly.stream().filter(path -> !readOnly.contains(path)).forEach(readOnly::add);
        List<String> masked = java.nio.file.Files.isRegularFile(worktree.resolve(".git"),
                java.nio.file.LinkOption.NOFOLLOW_LINKS) ? List.of(".git") : List.of();
        return new SandboxPolicy(worktree.toAbsolutePath(), masked, readOnly, false, environment, limits);
    }
}
