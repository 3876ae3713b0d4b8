package dev.alfred.agents.tools.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.agents.tools.ToolResult;
import io.micronaut.core.annotation.Nullable;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MCP server, through one SDK client ({@code McpClient.sync} with {@code alfred.mcp.call-timeout} as its request
 * timeout): started in the background, its tools listed, re-listed on {@code notifications/tools/list_changed}, and
 * restarted after a back-off ({@link McpSettings#restartDelay}) when it fails to start, its process ends or a ping
 * goes unanswered. Each (re)start is a new client and a new generation; anything an older generation reports is
 * ignored. Calls never throw: every failure is a {@link ToolResult#error tool error} for the model.
 */
final class McpConnection {
    private static final Logger LOG = LoggerFactory.getLogger(McpConnection.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final String IDEMPOTENCY_KEY = "dev.alfred/idempotency-key";
    private static final int MAX_REASON_CHARS = 300;

    private final McpServerConfig config;
    private final McpSettings settings;
    private final Map<String, String> alfredEnv;
    private final ScheduledExecutorService executor;
    private final McpMetrics metrics;
    private final Runnable changed;
    private final Clock clock;
    private volatile McpServerState state;
    private volatile List<McpSchema.Tool> tools = List.of();
    private volatile McpSyncClient client;
    private volatile int generation;
    private volatile boolean closed;
    private int failures;

    /** @param changed told whenever the tools offered or the state change, on whatever thread noticed it */
    McpConnection(McpServerConfig config, McpSettings settings, Map<String, String> alfredEnv,
            ScheduledExecutorService executor, McpMetrics metrics, Runnable changed, Clock clock) {
        this.config = config;
        this.settings = settings;
        this.alfredEnv = alfredEnv;
        this.executor = executor;
        this.metrics = metrics;
        this.changed = changed;
        this.clock = clock;
        this.state = new McpServerState(config.name(), McpServerState.Status.STARTING, null, clock.instant(), 0,
                config.describe());
        metrics.watch(config.name(), () -> state.status() == McpServerState.Status.UP);
    }

    McpServerConfig config() {
        return config;
    }

    McpServerState state() {
        return state;
    }

    /** @return the server's tools as it listed them last; empty unless it is up */
    List<McpSchema.Tool> tools() {
        return state.status() == McpServerState.Status.UP ? tools : List.of();
    }

    /** Starts the server in the background now. */
    void start() {
        executor.execute(this::connect);
    }

    /**
     * One (re)start: a new client and generation. Blocking work happens outside the lock, so that the process
     * watcher can take a server down while it is still being initialised (a process that ends at once is down at
     * once, not after the timeout).
     */
    private void connect() {
        int current;
        synchronized (this) {
            if (closed) {
                return;
            }
            current = ++generation;
            set(McpServerState.Status.STARTING, null);
        }
        McpSyncClient candidate;
        McpClientTransport transport;
        try {
            transport = McpTransports.create(config, new JacksonMcpJsonMapper(JSON), alfredEnv,
                    said -> down(current, "the server process ended" + (said == null ? "" : "; it last wrote: "
                            + said)));
            candidate = McpClient.sync(transport).requestTimeout(settings.callTimeout())
                    .initializationTimeout(settings.callTimeout())
                    .clientInfo(new McpSchema.Implementation("alfred", "Alfred", "0.1.0"))
                    .toolsChangeConsumer(listed -> listed(current, listed)).build();
        } catch (RuntimeException e) {
            down(current, reason(e));
            return;
        }
        synchronized (this) {
            if (current != generation || closed) {
                closeQuietly(candidate);
                return;
            }
            client = candidate;
        }
        try {
            candidate.initialize();
            List<McpSchema.Tool> listed = List.copyOf(candidate.listTools().tools());
            synchronized (this) {
                if (current != generation || closed || state.status() != McpServerState.Status.STARTING) {
                    return;
                }
                tools = listed;
                failures = 0;
                set(McpServerState.Status.UP, null);
            }
            LOG.info("MCP server {} is up with {} tools ({})", config.name(), listed.size(), config.describe());
        } catch (RuntimeException e) {
            String said = transport instanceof McpStdioTransport stdio ? stdio.lastStderr() : null;
            down(current, reason(e) + (said == null ? "" : "; it last wrote: " + said));
        }
    }

    /**
     * Calls a tool of this server.
     *
     * @param tool           the tool's name on the server
     * @param arguments      the arguments object, already validated against the tool's input schema
     * @param idempotencyKey the staged action's key for an approved call, sent as {@code _meta}
     *                       {@value #IDEMPOTENCY_KEY}; null for none
     * @return the result for the model; secrets of this server's configuration masked
     */
    ToolResult call(String tool, JsonNode arguments, @Nullable String idempotencyKey) {
        McpSyncClient current = client;
        if (current == null || state.status() != McpServerState.Status.UP) {
            metrics.call(config.name(), "unreachable", Duration.ZERO);
            return ToolResult.error("the MCP server " + config.name() + " is " + state.describe()
                    + "; the call was not made");
        }
        long started = System.nanoTime();
        String outcome = "ok";
        try {
            McpSchema.CallToolResult result = current.callTool(new McpSchema.CallToolRequest(tool,
                    JSON.convertValue(arguments, MAP), idempotencyKey == null ? null
                            : Map.of(IDEMPOTENCY_KEY, idempotencyKey)));
            ToolResult answer = McpResults.toToolResult(config.name(), result);
            outcome = answer.error() ? "error" : "ok";
            return new ToolResult(McpSecrets.mask(answer.content(), config.secrets()), answer.error());
        } catch (RuntimeException e) {
            outcome = McpFailures.timedOut(e) ? "timeout" : McpFailures.refused(e) ? "error" : "unreachable";
            if (outcome.equals("unreachable")) {
                executor.execute(this::check);
            }
            return ToolResult.error(McpFailures.describe(config.name(), outcome, reason(e), settings.callTimeout()));
        } finally {
            metrics.call(config.name(), outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Pings a server that is up; one that does not answer is taken down and restarted. */
    void check() {
        int checked = generation;
        McpSyncClient current = client;
        if (current == null || closed || state.status() != McpServerState.Status.UP) {
            return;
        }
        try {
            current.ping();
        } catch (RuntimeException e) {
            down(checked, "no answer to a ping: " + reason(e));
        }
    }

    /** Stops the server (a stdio child is ended) and never restarts it. */
    void close() {
        closed = true;
        McpSyncClient current = client;
        client = null;
        if (current != null) {
            closeQuietly(current);
        }
    }

    private synchronized void listed(int from, List<McpSchema.Tool> listed) {
        if (from == generation && !closed) {
            tools = List.copyOf(listed);
            LOG.info("MCP server {} changed its tools: {} now", config.name(), listed.size());
            if (state.status() == McpServerState.Status.UP) {
                set(McpServerState.Status.UP, null);
            }
        }
    }

    /** Takes generation {@code from} down (once) and schedules the next start; later reports of it are ignored. */
    private void down(int from, String reason) {
        McpSyncClient dead;
        int attempts;
        synchronized (this) {
            if (from != generation || closed || state.status() == McpServerState.Status.DOWN) {
                return;
            }
            dead = client;
            client = null;
            attempts = ++failures;
            set(McpServerState.Status.DOWN, reason);
        }
        Duration delay = settings.restartDelay(attempts);
        if (attempts == 1) {
            LOG.warn("MCP server {} is down ({}); restarting in {} s", config.name(), reason, delay.toSeconds());
        } else {
            LOG.info("MCP server {} is still down after {} attempts ({}); restarting in {} s", config.name(),
                    attempts, reason, delay.toSeconds());
        }
        if (dead != null) {
            closeQuietly(dead);
        }
        executor.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void set(McpServerState.Status status, @Nullable String reason) {
        state = new McpServerState(config.name(), status, reason, status == state.status() ? state.since()
                : clock.instant(), status == McpServerState.Status.UP ? tools.size() : 0, config.describe());
        changed.run();
    }

    private String reason(Throwable e) {
        String text = McpFailures.timedOut(e) ? "no answer within " + settings.callTimeout().toSeconds() + " s"
                : McpFailures.message(e);
        return cut(McpSecrets.mask(text, config.secrets()));
    }

    private static String cut(String text) {
        return text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS) + "…";
    }

    private static void closeQuietly(McpSyncClient client) {
        try {
            client.closeGracefully();
        } catch (RuntimeException e) {
            LOG.debug("closing an MCP client failed", e);
        }
    }
}
