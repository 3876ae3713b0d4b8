package dev.alfred.agents.tools.workspace.sandbox;

import java.time.Duration;

/**
 * The limits on one sandboxed command ({@code alfred.sandbox.*}).
 *
 * @param timeout      wall-clock limit; past it the whole process tree is killed ({@code alfred.sandbox.timeout},
 *                     default 120 s, DESIGN.md section 4)
 * @param outputBytes  bytes kept of each of stdout and stderr: the last ones (the tail), the rest counted and
 *                     dropped ({@code alfred.sandbox.output-bytes}, default 8 KiB, which with both streams stays under
 *                     the 16,000 characters a tool result may have)
 * @param processes    processes and threads the command may have at once, as {@code RLIMIT_NPROC} inside the
 *                     sandbox's user namespace, and as {@code pids.max} where a pids cgroup can be made
 *                     ({@code alfred.sandbox.processes}, default 512: a Maven build with forked tests uses ~150)
 * @param fileBytes    the largest file the command may write, as {@code RLIMIT_FSIZE}
 *                     ({@code alfred.sandbox.file-bytes}, default 256 MiB)
 */
public record SandboxLimits(Duration timeout, int outputBytes, int processes, long fileBytes) {
    /** The defaults above. */
    public static final SandboxLimits DEFAULTS = new SandboxLimits(Duration.ofSeconds(120), 8 * 1024, 512,
            256L * 1024 * 1024);

    public SandboxLimits {
        if (timeout.isNegative() || timeout.isZero() || outputBytes < 1 || processes < 8 || fileBytes < 1) {
            throw new IllegalArgumentException("sandbox limits must be positive (and processes at least 8): "
                    + timeout + ", " + outputBytes + ", " + processes + ", " + fileBytes);
        }
    }

    /** @return these limits with a shorter time limit, when {@code seconds} is below this one; never longer */
    public SandboxLimits withTimeoutAtMost(long seconds) {
        Duration asked = Duration.ofSeconds(Math.max(1, seconds));
        return asked.compareTo(timeout) >= 0 ? this : new SandboxLimits(asked, outputBytes, processes, fileBytes);
    }
}
