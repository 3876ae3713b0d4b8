package dev.alfred.agents.tools.mcp;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * MCP meters (Prometheus names in brackets):
 * <ul>
 *   <li>{@value #CALLS} (timer; {@code alfred_mcp_calls_seconds_count|sum|max}): tool calls by {@code server} and
 *       {@code outcome}: {@code ok}, {@code error} (the server answered {@code isError} or a protocol error),
 *       {@code timeout}, {@code unreachable} (transport failure or server down); counts, errors and latency
 *       per server</li>
 *   <li>{@value #UP} (gauge; {@code alfred_mcp_server_up}): 1 while a server is up, 0 otherwise, by {@code server}</li>
 * </ul>
 */
final class McpMetrics {
    /** Timer of MCP tool calls. */
    static final String CALLS = "alfred.mcp.calls";
    /** Gauge of servers that are up. */
    static final String UP = "alfred.mcp.server.up";

    private final MeterRegistry registry;

    McpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A call to {@code server} ended with {@code outcome} after {@code elapsed}. */
    void call(String server, String outcome, Duration elapsed) {
        Timer.builder(CALLS).description("MCP tool calls by server and outcome").tag("server", server)
                .tag("outcome", outcome).register(registry).record(elapsed);
    }

    /** Registers the gauge of {@code server}, reading {@code up} whenever it is scraped. */
    void watch(String server, Supplier<Boolean> up) {
        Gauge.builder(UP, () -> up.get() ? 1 : 0).description("1 while the MCP server is up").tag("server", server)
                .register(registry);
    }
}
