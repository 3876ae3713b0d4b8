package dev.alfred.agents.tools.mcp;

import io.micronaut.core.annotation.Nullable;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The SDK's stdio transport, with three changes for Alfred:
 * <ul>
 *   <li>the child's environment is exactly {@code environment} ({@link McpEnvironment}): the SDK starts the process
 *       with a {@link ProcessBuilder} from {@link #getProcessBuilder()}, whose environment (a copy of Alfred's) is
 *       cleared here, then adds {@link ServerParameters#getEnv()}, which is set to {@code environment} in place of
 *       the SDK's defaults; and its working directory is the server's {@code cwd};</li>
 *   <li>the last line the child wrote to standard error is kept (secrets masked, at most
 *       {@value #MAX_LINE_CHARS} characters), to say why a server went down; each line is logged at debug;</li>
 *   <li>once the process has started, a daemon thread waits for it to end and then tells {@code exited}, with that
 *       last line (or null), so that a server whose process ends, at once or later, is taken down at once.</li>
 * </ul>
 */
final class McpStdioTransport extends StdioClientTransport {
    /** The longest stderr line kept. */
    static final int MAX_LINE_CHARS = 300;
    private static final Logger LOG = LoggerFactory.getLogger(McpStdioTransport.class);

    private final McpServerConfig config;
    private final Consumer<String> exited;
    private volatile String lastStderr;

    /**
     * @param environment the child's whole environment
     * @param exited      told once when the process has ended, with what it last wrote to stderr (or null)
     */
    McpStdioTransport(McpServerConfig config, McpJsonMapper json, Map<String, String> environment,
            Consumer<String> exited) {
        super(parameters(config, environment), json);
        this.config = config;
        this.exited = exited;
        setStdErrorHandler(this::stderr);
    }

    /** @return the last line the child wrote to standard error, masked and cut; null when none */
    @Nullable String lastStderr() {
        return lastStderr;
    }

    /** Starts the process as the SDK does, then watches for its end. */
    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return super.connect(handler).doOnSuccess(ignored -> watchExit());
    }

    @Override
    protected ProcessBuilder getProcessBuilder() {
        ProcessBuilder builder = new ProcessBuilder();
        builder.environment().clear();
        if (config.cwd() != null) {
            builder.directory(Path.of(config.cwd()).toFile());
        }
        return builder;
    }

    private void watchExit() {
        Thread watcher = new Thread(() -> {
            try {
                awaitForExit();
            } catch (RuntimeException e) {
                return;
            }
            exited.accept(lastStderr);
        }, "mcp-" + config.name() + "-exit");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void stderr(String line) {
        if (line != null && !line.isBlank()) {
            String masked = McpSecrets.mask(line.strip(), config.secrets());
            lastStderr = masked.length() <= MAX_LINE_CHARS ? masked : masked.substring(0, MAX_LINE_CHARS) + "…";
            LOG.debug("MCP server {} stderr: {}", config.name(), lastStderr);
        }
    }

    private static ServerParameters parameters(McpServerConfig config, Map<String, String> environment) {
        ServerParameters parameters = ServerParameters.builder(config.command()).args(config.args()).build();
        // The SDK fills in LOGNAME, SHELL, TERM and USER as well; the child gets exactly `environment`.
        parameters.getEnv().clear();
        parameters.getEnv().putAll(environment);
        return parameters;
    }
}
