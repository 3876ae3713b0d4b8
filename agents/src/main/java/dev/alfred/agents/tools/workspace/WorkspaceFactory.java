package dev.alfred.agents.tools.workspace;

import dev.alfred.agents.tools.workspace.sandbox.Sandbox;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the {@link Sandbox}, which probes the host once at start in the background, and says in the log what it found
 * when the probe is done.
 */
@Factory
public class WorkspaceFactory {
    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceFactory.class);

    /**
     * @return the sandbox of {@code workspace_exec}
     * @throws IllegalArgumentException when {@code ALFRED_SANDBOX} is neither {@code bwrap} nor {@code none}, a
     *                                  read-only path is relative or holds {@code ALFRED_HOME}, or
     *                                  {@code ALFRED_HOME} is under one of the system paths
     */
    @Singleton
    Sandbox sandbox(SandboxSettings settings, Workspaces workspaces) {
        for (String path : settings.getReadOnlyPaths()) {
            if (!Path.of(path).isAbsolute() || workspaces.home().startsWith(Path.of(path).normalize())) {
                throw new IllegalArgumentException("alfred.sandbox.read-only-paths: '" + path + "' must be an "
                        + "absolute path that does not hold ALFRED_HOME");
            }
        }
        for (String path : dev.alfred.agents.tools.workspace.sandbox.SandboxPolicy.SYSTEM_PATHS) {
            if (workspaces.home().startsWith(path)) {
                throw new IllegalArgumentException("ALFRED_HOME (" + workspaces.home() + ") is under " + path
                        + ", which the sandbox mounts read-only for every command: move it elsewhere");
            }
        }
        return Sandbox.start(settings.getMode(), settings.getReadOnlyPaths(), settings.limits(), probed -> {
            if (probed.refusal().isPresent()) {
                LOG.warn("workspace sandbox: {}", probed.describe());
            } else {
                LOG.info("workspace sandbox: {}", probed.describe());
            }
        });
    }
}
