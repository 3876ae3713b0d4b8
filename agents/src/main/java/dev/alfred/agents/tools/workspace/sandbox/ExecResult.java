package dev.alfred.agents.tools.workspace.sandbox;

import java.time.Duration;

/**
 * How a command ended.
 *
 * @param exitCode    the exit status; 128 + the signal's number when killed by one; -1 when it did not end by itself
 * @param stdout      the tail of standard output (at most {@link SandboxLimits#outputBytes()} bytes)
 * @param stderr      the tail of standard error
 * @param stdoutBytes bytes written to standard output in all
 * @param stderrBytes bytes written to standard error in all
 * @param timedOut    whether it was killed at the time limit
 * @param elapsed     wall-clock time from start to end
 */
public record ExecResult(int exitCode, String stdout, String stderr, long stdoutBytes, long stderrBytes,
        boolean timedOut, Duration elapsed) {

    /**
     * @return the result as the model reads it: exit code (or the time limit), the elapsed time, then each stream's
     *         tail under a heading that says how much was cut
     */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(timedOut ? "Killed at the time limit of " + elapsed.toSeconds() + " s (the whole process tree)"
                : "Exit code " + exitCode).append(" after ").append(elapsed.toMillis()).append(" ms.\n");
        stream(text, "stdout", stdout, stdoutBytes);
        stream(text, "stderr", stderr, stderrBytes);
        return text.toString();
    }

    private static void stream(StringBuilder text, String name, String tail, long total) {
        if (total == 0) {
            text.append("--- ").append(name).append(": empty ---\n");
            return;
        }
        long kept = tail.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        text.append("--- ").append(name).append(total > kept ? " (last " + kept + " of " + total + " bytes)" : "")
                .append(" ---\n").append(tail);
        if (!tail.endsWith("\n")) {
            text.append('\n');
        }
    }
}
