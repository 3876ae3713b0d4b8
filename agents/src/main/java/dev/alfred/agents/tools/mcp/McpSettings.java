package dev.alfred.agents.tools.mcp;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * How Alfred runs its MCP servers.
 *
 * @param enabled         {@code alfred.mcp.enabled} (default true): false starts none (the {@code audit} command)
 * @param config          {@code alfred.mcp.config} ({@code ALFRED_MCP_CONFIG}): the {@code mcpServers} file; blank
 *                        for none
 * @param callTimeout     {@code alfred.mcp.call-timeout} (default 60 s): how long any request may take, a tool call
 *                        or a server's {@code initialize} (which {@code npx -y} may first spend downloading it)
 * @param maxRestartDelay {@code alfred.mcp.max-restart-delay} (default 60 s): the longest wait before restarting a
 *                        server that is down; the wait starts at 1 s and doubles with each failure in a row
 * @param pingInterval    {@code alfred.mcp.ping-interval} (default 30 s): how often a server that is up is pinged, so
 *                        that a remote one that went away is shown down
 */
@Singleton
public record McpSettings(boolean enabled, String config, Duration callTimeout,
        Duration maxRestartDelay, Duration pingInterval) {
    /** The first wait before a restart; doubled for each further failure in a row, up to the maximum. */
    public static final Duration FIRST_RESTART_DELAY = Duration.ofSeconds(1);

    /** Binds the settings from configuration (defaults as above); a null or blank {@code config} is none. */
    @Inject
    public McpSettings(@Value("${alfred.mcp.enabled:true}") boolean enabled,
            @Value("${alfred.mcp.config:}") String config,
            @Value("${alfred.mcp.call-timeout:60s}") Duration callTimeout,
            @Value("${alfred.mcp.max-restart-delay:60s}") Duration maxRestartDelay,
            @Value("${alfred.mcp.ping-interval:30s}") Duration pingInterval) {
        this.enabled = enabled;
        this.config = config == null ? "" : config.strip();
        this.callTimeout = callTimeout;
        this.maxRestartDelay = maxRestartDelay;
        this.pingInterval = pingInterval;
    }

    /** @return the wait before the next restart after {@code failures} failures in a row (1 or more) */
    public Duration restartDelay(int failures) {
        Duration delay = FIRST_RESTART_DELAY.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));
        return delay.compareTo(maxRestartDelay) > 0 ? maxRestartDelay : delay;
    }
}
