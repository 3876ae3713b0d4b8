package dev.alfred.agents.tools.workspace.sandbox;

import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one child process with exactly the environment given, no standard input, both output streams drained into
 * {@link OutputBuffer}s (so a flood neither blocks the child nor fills memory), and a wall-clock limit past which the
 * child and every descendant are killed with {@code SIGKILL}.
 */
public final class ProcessRunner {
    /** How long to wait for the output streams to close once the child is gone. */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private ProcessRunner() {
    }

    /**
     * @param argv        the program and its arguments
     * @param environment the child's whole environment
     * @param directory   the working directory, or null for Alfred's
     * @param timeout     the wall-clock limit
     * @param tailBytes   bytes kept of each stream
     * @return how it ended
     * @throws IOException when the program cannot be started
     */
    public static ExecResult run(List<String> argv, Map<String, String> environment, @Nullable Path directory,
            Duration timeout, int tailBytes) throws IOException {
        return run(argv, environment, directory, timeout, OutputBuffer.tail(tailBytes), OutputBuffer.tail(tailBytes));
    }

    /**
     * As {@link #run(List, Map, Path, Duration, int)}, keeping what {@code stdout} and {@code stderr} keep.
     *
     * @throws IOException when the program cannot be started
     */
    public static ExecResult run(List<String> argv, Map<String, String> environment, @Nullable Path directory,
            Duration timeout, OutputBuffer stdout, OutputBuffer stderr) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        long start = System.nanoTime();
        Process process = builder.start();
        Thread out = drain(process.getInputStream(), stdout, "sandbox-stdout");
        Thread err = drain(process.getErrorStream(), stderr, "sandbox-stderr");
        boolean timedOut = false;
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                killTree(process.toHandle());
                process.waitFor(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
            }
            out.join(DRAIN.toMillis());
            err.join(DRAIN.toMillis());
        } catch (InterruptedException e) {
            killTree(process.toHandle());
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + argv.get(0), e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        int exit = process.isAlive() ? -1 : process.exitValue();
        return new ExecResult(timedOut ? -1 : exit, stdout.text(), stderr.text(), stdout.total(), stderr.total(),
                timedOut, timedOut ? timeout : elapsed);
    }

    /** Kills {@code root} and every descendant it has now, with {@code SIGKILL}. */
    static void killTree(ProcessHandle root) {
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
    }

    private static Thread drain(InputStream stream, OutputBuffer tail, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (stream) {
                for (int read; (read = stream.read(buffer)) >= 0; ) {
                    tail.write(buffer, 0, read);
                }
            } catch (IOException e) {
                // the child is gone or the stream was closed: what was read is kept
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
