package dev.alfred.agents.tools.workspace;

import dev.alfred.agents.tools.workspace.sandbox.SandboxLimits;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.List;

/**
 * {@code alfred.sandbox.*}: how {@code workspace_exec} runs commands.
 *
 * <ul>
 *   <li>{@code mode}: {@code bwrap} (bubblewrap, the default) or {@code none} ({@code ALFRED_SANDBOX})</li>
 *   <li>{@code timeout}: the wall-clock limit of one command, default 120 s (DESIGN.md section 4); a call may ask
 *       for less, never more</li>
 *   <li>{@code output-bytes}, {@code processes}, {@code file-bytes}: see {@link SandboxLimits}</li>
 *   <li>{@code read-only-paths}: more host paths mounted read-only, e.g. {@code /opt/java} for a JDK outside
 *       {@code /usr}; never {@code ALFRED_HOME} or a folder holding it</li>
 * </ul>
 */
@ConfigurationProperties("alfred.sandbox")
public class SandboxSettings {
    @Nullable
    private String mode;
    private Duration timeout = SandboxLimits.DEFAULTS.timeout();
    private int outputBytes = SandboxLimits.DEFAULTS.outputBytes();
    private int processes = SandboxLimits.DEFAULTS.processes();
    private long fileBytes = SandboxLimits.DEFAULTS.fileBytes();
    private List<String> readOnlyPaths = List.of();

    /** @return the limits these settings give */
    public SandboxLimits limits() {
        return new SandboxLimits(timeout, outputBytes, processes, fileBytes);
    }

    @Nullable
    public String getMode() {
        return mode;
    }

    public void setMode(@Nullable String mode) {
        this.mode = mode;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public int getOutputBytes() {
        return outputBytes;
    }

    public void setOutputBytes(int outputBytes) {
        this.outputBytes = outputBytes;
    }

    public int getProcesses() {
        return processes;
    }

    public void setProcesses(int processes) {
        this.processes = processes;
    }

    public long getFileBytes() {
        return fileBytes;
    }

    public void setFileBytes(long fileBytes) {
        this.fileBytes = fileBytes;
    }

    public List<String> getReadOnlyPaths() {
        return readOnlyPaths;
    }

    public void setReadOnlyPaths(List<String> readOnlyPaths) {
        this.readOnlyPaths = readOnlyPaths == null ? List.of() : List.copyOf(readOnlyPaths);
    }
}
