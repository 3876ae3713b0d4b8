package dev.alfred.agents.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.Tool;
import dev.alfred.agents.tools.ToolSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP servers of {@code ALFRED_MCP_CONFIG} and the tools of those that are up: the registry's {@link ToolSource}
 * for every {@code mcp__…} name.
 *
 * <p>The file is read when this bean is created, at start-up: a file that cannot be used (a missing variable, say)
 * stops Alfred with a {@link McpConfigException}. The servers themselves start after that, all at once on background
 * threads, so none delays start-up or {@code /health}; each one's tools appear when it is up and disappear while it is
 * down ({@link McpConnection}). Every change rebuilds one immutable snapshot of the tools, names assigned across all
 * servers by {@link McpToolNames}; look-ups read the latest snapshot and never wait for a server.
 */
@Context
public class McpServers implements ToolSource {
    private static final Logger LOG = LoggerFactory.getLogger(McpServers.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<McpConnection> connections;
    private final McpSettings settings;
    private final ScheduledExecutorService executor;
    private final Map<String, McpToolNames.Key> known = new HashMap<>();
    private volatile Map<String, Tool> tools = Map.of();

    /**
     * @throws McpConfigException when {@code ALFRED_MCP_CONFIG} names a file that cannot be used
     */
    @Inject
    public McpServers(McpSettings settings, MeterRegistry meters) {
        this(settings.enabled() && !settings.config().isEmpty()
                ? McpConfigFile.load(Path.of(settings.config()), System.getenv()) : List.of(), settings,
                System.getenv(), meters, Clock.systemUTC());
    }

    /**
     * @param servers   the servers, from {@link McpConfigFile}
     * @param alfredEnv the environment a stdio child inherits {@link McpEnvironment#INHERITED} from
     */
    public McpServers(List<McpServerConfig> servers, McpSettings settings, Map<String, String> alfredEnv,
            MeterRegistry meters, Clock clock) {
        this.settings = settings;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(Math.max(2, servers.size()), task -> {
            Thread thread = new Thread(task, "mcp-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        McpMetrics metrics = new McpMetrics(meters);
        List<McpConnection> all = new ArrayList<>();
        for (McpServerConfig server : servers) {
            all.add(new McpConnection(server, settings, alfredEnv, executor, metrics, this::rebuild, clock));
        }
        this.connections = List.copyOf(all);
    }

    /** Starts every server in the background, at once; returns without waiting for any. */
    @PostConstruct
    public void start() {
        if (connections.isEmpty()) {
            return;
        }
        LOG.info("starting MCP servers: {}", String.join(", ", connections.stream()
                .map(c -> c.config().name() + " (" + c.config().describe() + ")").toList()));
        connections.forEach(McpConnection::start);
        long ping = settings.pingInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> connections.forEach(c -> executor.execute(c::check)), ping, ping,
                TimeUnit.MILLISECONDS);
    }

    /** Stops every server: stdio children end with Alfred. */
    @PreDestroy
    public void close() {
        connections.parallelStream().forEach(McpConnection::close);
        executor.shutdownNow();
    }

    @Override
    public Map<String, Tool> tools() {
        return tools;
    }

    /** @return true for names and globs that can match {@code mcp__…}: MCP tools are listed after start-up */
    @Override
    public boolean mayOffer(String pattern) {
        int star = pattern.indexOf('*');
        String literal = star < 0 ? pattern : pattern.substring(0, star);
        return literal.startsWith(McpToolNames.PREFIX) || star >= 0 && McpToolNames.PREFIX.startsWith(literal);
    }

    /** @return every configured server's state, in the file's order */
    public List<McpServerState> states() {
        return connections.stream().map(McpConnection::state).toList();
    }

    /**
     * @param toolName an {@code mcp__…} name
     * @return the server and the tool's own name behind it, if it was offered since start-up (also while its server
     *         is down); else, for a name of the form {@code mcp__<configured server>__<tool>} (a call staged before a
     *         restart, whose server is not up yet), that server and the rest of the name
     */
    public synchronized Optional<McpToolNames.Key> origin(String toolName) {
        McpToolNames.Key key = known.get(toolName);
        if (key != null) {
            return Optional.of(key);
        }
        return connections.stream().map(c -> c.config().name())
                .filter(server -> toolName.startsWith(McpToolNames.PREFIX + McpToolNames.sanitize(server) + "__"))
                .max(java.util.Comparator.comparingInt(String::length))
                .map(server -> new McpToolNames.Key(server, toolName.substring(McpToolNames.PREFIX.length()
                        + McpToolNames.sanitize(server).length() + 2)));
    }

    /** @return every value that must never be logged or shown: expanded variables and header values */
    public Set<String> secrets() {
        Set<String> secrets = new HashSet<>();
        connections.forEach(c -> secrets.addAll(c.config().secrets()));
        return secrets;
    }

    private synchronized void rebuild() {
        Map<McpToolNames.Key, McpSchema.Tool> listed = new HashMap<>();
        Map<String, McpConnection> byServer = new HashMap<>();
        for (McpConnection connection : connections) {
            byServer.put(connection.config().name(), connection);
            connection.tools().forEach(tool -> listed.put(new McpToolNames.Key(connection.config().name(),
                    tool.name()), tool));
        }
        Map<String, Tool> next = new TreeMap<>();
        McpToolNames.assign(listed.keySet()).forEach((key, name) -> {
            next.put(name, tool(name, listed.get(key), byServer.get(key.server())));
            known.put(name, key);
        });
        tools = Collections.unmodifiableMap(next);
    }

    private static McpTool tool(String name, McpSchema.Tool listed, McpConnection connection) {
        McpServerConfig config = connection.config();
        McpSchema.ToolAnnotations hints = listed.annotations();
        String said = listed.description() != null ? listed.description()
                : listed.title() != null ? listed.title() : "";
        if (said.length() > McpTool.MAX_DESCRIPTION_CHARS) {
            said = said.substring(0, McpTool.MAX_DESCRIPTION_CHARS) + "…";
        }
        String description = (said.isBlank() ? "" : said.strip() + " ") + "(Tool " + listed.name()
                + " of the MCP server " + config.name() + ".)";
        return new McpTool(name, listed.name(), description, schema(listed.inputSchema()),
                McpTiers.derive(config.tiers(), listed.name(), hints == null ? null : hints.readOnlyHint(),
                        hints == null ? null : hints.destructiveHint()), connection);
    }

    /** @return the input schema as a JSON object; an object without properties when the server sent none */
    private static ObjectNode schema(Map<String, Object> inputSchema) {
        JsonNode node = inputSchema == null ? null : JSON.valueToTree(inputSchema);
        ObjectNode schema = node instanceof ObjectNode object ? object : JSON.createObjectNode();
        if (!schema.has("type")) {
            schema.put("type", "object");
        }
        return schema;
    }
}
