package dev.alfred.agents.tools.workspace.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A process limit the kernel enforces even for root: one cgroup of the {@code pids} controller per command, with
 * {@code pids.max} set, made inside Alfred's own pids cgroup (cgroup v1's {@code pids} hierarchy, or cgroup v2 when
 * the controller is delegated there). {@code RLIMIT_NPROC} alone does not bind processes whose user is root on the
 * host, since the kernel exempts root from it (kernel/fork.c, {@code copy_process}). Found once, at start; where no
 * such cgroup can be made (no permission, no delegation), commands rely on {@code RLIMIT_NPROC} and the time limit.
 */
final class PidsCgroup {
    private final Path parent;

    private PidsCgroup(Path parent) {
        this.parent = parent;
    }

    /** @return a usable pids cgroup parent, after trying to make one and to move a process into it */
    static Optional<PidsCgroup> find() {
        try {
            Optional<Path> own = ownPidsCgroup(Files.readAllLines(Path.of("/proc/self/mountinfo")),
                    Files.readAllLines(Path.of("/proc/self/cgroup")));
            if (own.isEmpty() || !Files.isWritable(own.get())) {
                return Optional.empty();
            }
            PidsCgroup cgroups = new PidsCgroup(own.get());
            Path probe = cgroups.create(8);
            try {
                ExecResult entered = ProcessRunner.run(cgroups.enter(probe, List.of("/bin/true")),
                        Map.of("PATH", "/usr/bin:/bin"), null, Duration.ofSeconds(10), 1024);
                return entered.exitCode() == 0 ? Optional.of(cgroups) : Optional.empty();
            } finally {
                cgroups.remove(probe);
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * @param mountinfo the lines of {@code /proc/self/mountinfo}
     * @param cgroup    the lines of {@code /proc/self/cgroup}
     * @return the directory of this process's pids cgroup, v1 first
     */
    static Optional<Path> ownPidsCgroup(List<String> mountinfo, List<String> cgroup) {
        for (String line : mountinfo) {
            String[] halves = line.split(" - ", 2);
            String[] mount = halves[0].split(" ");
            String[] source = halves.length > 1 ? halves[1].split(" ") : new String[0];
            if (mount.length < 5 || source.length < 3) {
                continue;
            }
            boolean v1 = source[0].equals("cgroup") && List.of(source[2].split(",")).contains("pids");
            boolean v2 = source[0].equals("cgroup2");
            for (String entry : cgroup) {
                String[] parts = entry.split(":", 3);
                if (parts.length == 3 && (v1 && List.of(parts[1].split(",")).contains("pids")
                        || v2 && parts[0].equals("0") && parts[1].isEmpty())) {
                    Path dir = Path.of(mount[4], relative(mount[3], parts[2]));
                    if (v1 || controllerDelegated(dir)) {
                        return Optional.of(dir);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** @return a fresh cgroup under the parent allowing {@code max} processes */
    Path create(int max) throws IOException {
        Path cgroup = Files.createDirectory(parent.resolve("alfred-sandbox-" + UUID.randomUUID()));
        Files.writeString(cgroup.resolve("pids.max"), Integer.toString(max));
        return cgroup;
    }

    /** @return {@code argv} run by a shell that first moves itself into {@code cgroup}, so every child starts there */
    List<String> enter(Path cgroup, List<String> argv) {
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c",
                "echo $$ > \"$1/cgroup.procs\" && shift && exec \"$@\"", "sh", cgroup.toString()));
        wrapped.addAll(argv);
        return wrapped;
    }

    /** Removes a cgroup once its processes are gone (it retries briefly while the kernel reaps them). */
    void remove(Path cgroup) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                Files.deleteIfExists(cgroup);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** @return where the cgroups are made, for the start-up log */
    Path parent() {
        return parent;
    }

    private static boolean controllerDelegated(Path dir) {
        try {
            return List.of(Files.readString(dir.resolve("cgroup.subtree_control")).strip().split(" "))
                    .contains("pids");
        } catch (IOException e) {
            return false;
        }
    }

    private static String relative(String mountRoot, String path) {
        String relative = path.startsWith(mountRoot) ? path.substring(mountRoot.length()) : path;
        return relative.startsWith("/") ? relative.substring(1) : relative;
    }
}
