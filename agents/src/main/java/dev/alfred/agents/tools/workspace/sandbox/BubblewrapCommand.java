package dev.alfred.agents.tools.workspace.sandbox;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link SandboxPolicy} into a bubblewrap command line. Pure: no I/O.
 *
 * <p>The options, from bwrap(1): {@code --unshare-all} (new user, mount, pid, network, ipc, uts and cgroup
 * namespaces; the network one holds only its own loopback), {@code --share-net} only when the policy allows network,
 * {@code --die-with-parent} (killed when Alfred dies), {@code --new-session} (no access to Alfred's terminal),
 * {@code --cap-drop ALL}, {@code --clearenv} then {@code --setenv} for each variable of the policy, read-only binds of
 * the policy's host paths ({@code --ro-bind-try}: absent paths are skipped), a fresh {@code /proc}, a minimal
 * {@code /dev}, a private {@code tmpfs} on {@code /tmp}, and the writable root bound at
 * {@link SandboxPolicy#MOUNT_POINT}, which is the working directory, with its masked files covered by a read-only
 * {@code /dev/null} (which the mount's {@code nodev} makes unreadable too). Inside, {@code prlimit} (util-linux) sets
 * {@code RLIMIT_NPROC} and {@code RLIMIT_FSIZE} before {@code /bin/sh -c} runs the command.
 */
public final class BubblewrapCommand {
    private BubblewrapCommand() {
    }

    /**
     * @param bwrap   the bubblewrap executable, e.g. {@code /usr/bin/bwrap}
     * @param prlimit the prlimit executable as seen inside the sandbox (under {@code /usr}), or null to set no
     *                process and file-size limits
     * @param command the shell command, run by {@code /bin/sh -c}
     * @return the command line
     */
    public static List<String> argv(String bwrap, SandboxPolicy policy, @Nullable String prlimit, String command) {
        List<String> argv = new ArrayList<>(List.of(bwrap, "--unshare-all"));
        if (policy.network()) {
            argv.add("--share-net");
        }
        argv.addAll(List.of("--die-with-parent", "--new-session", "--cap-drop", "ALL", "--clearenv"));
        for (Map.Entry<String, String> variable : new java.util.TreeMap<>(policy.environment()).entrySet()) {
            argv.addAll(List.of("--setenv", variable.getKey(), variable.getValue()));
        }
        for (String path : policy.readOnlyRoots()) {
            argv.addAll(List.of("--ro-bind-try", path, path));
        }
        argv.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
                "--bind", policy.writableRoot().toString(), SandboxPolicy.MOUNT_POINT));
        for (String path : policy.masked()) {
            argv.addAll(List.of("--ro-bind", "/dev/null", SandboxPolicy.MOUNT_POINT + "/" + path));
        }
        argv.addAll(List.of("--chdir", SandboxPolicy.MOUNT_POINT, "--"));
        argv.addAll(limited(policy.limits(), prlimit));
        argv.addAll(List.of("/bin/sh", "-c", command));
        return argv;
    }

    /** @return the prlimit prefix for {@code limits}, or nothing without prlimit */
    static List<String> limited(SandboxLimits limits, @Nullable String prlimit) {
        if (prlimit == null) {
            return List.of();
        }
        return List.of(prlimit, "--nproc=" + limits.processes(), "--fsize=" + limits.fileBytes(), "--core=0", "--");
    }
}
