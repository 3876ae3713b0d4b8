package dev.alfred.agents.tools.mcp;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Locale;

/**
 * What one MCP server is doing, for {@code /alfred tools}, {@code /health} and the logs.
 *
 * @param server the server's name in the {@code mcpServers} file
 * @param status starting, up or down
 * @param reason why it is down (the start-up error, or how its process ended), secrets masked; null otherwise
 * @param since  when it entered this status
 * @param tools  how many tools it offers now (0 unless up)
 * @param where  where it is, for people: its command or URL ({@link McpServerConfig#describe()})
 */
public record McpServerState(String server, Status status, @Nullable String reason, Instant since, int tools,
        String where) {

    /** The lifecycle of a server's connection. */
    public enum Status {
        /** Being started or restarted: its tools are absent until it has listed them. */
        STARTING,
        /** Initialised and listed: its tools are offered. */
        UP,
        /** Failed to start or list its tools, or its process ended: restarted after a back-off, tools absent. */
        DOWN;

        /** @return {@code starting}, {@code up} or {@code down} */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @return e.g. {@code up}, {@code starting}, {@code down: connection refused} */
    public String describe() {
        return status.wireName() + (reason == null ? "" : ": " + reason);
    }
}
