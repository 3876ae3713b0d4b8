package dev.alfred.agents.tools.mcp;

import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Builds the SDK's transport for one server: {@link StdioClientTransport} for a {@code command}, with the
 * environment of {@link McpEnvironment} and the {@code cwd}; {@link HttpClientStreamableHttpTransport} for a
 * {@code url}, with the {@code headers} on every request.
 */
final class McpTransports {
    /** How long an HTTP server has to accept a connection. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private McpTransports() {
    }

    /**
     * @param alfredEnv Alfred's environment, of which {@link McpEnvironment#INHERITED} is passed on to a child
     * @param stderr    receives each line a stdio server writes to its standard error
     * @param started   told once a stdio server's process has started (its exit can then be awaited)
     */
    static McpClientTransport create(McpServerConfig config, McpJsonMapper json, Map<String, String> alfredEnv,
            Consumer<String> stderr, Consumer<Stdio> started) {
        if (config.stdio()) {
            Stdio transport = new Stdio(config, json, McpEnvironment.forChild(alfredEnv, config.env()), started);
            transport.setStdErrorHandler(stderr);
            return transport;
        }
        String url = config.url().toString();
        return HttpClientStreamableHttpTransport.builder(url).endpoint(url).jsonMapper(json)
                .connectTimeout(CONNECT_TIMEOUT)
                .httpRequestCustomizer((request, method, uri, body, context) ->
                        config.headers().forEach(request::setHeader))
                .build();
    }

    /**
     * The SDK's stdio transport with the child's environment replaced by exactly {@code environment} and its working
     * directory set. The SDK starts the process with a {@link ProcessBuilder} from {@link #getProcessBuilder()},
     * whose environment (a copy of Alfred's) is cleared here, then adds {@link ServerParameters#getEnv()}, which is
     * set to {@code environment} here in place of the SDK's defaults.
     */
    static final class Stdio extends StdioClientTransport {
        private final Path cwd;
        private final Consumer<Stdio> started;

        Stdio(McpServerConfig config, McpJsonMapper json, Map<String, String> environment, Consumer<Stdio> started) {
            super(parameters(config, environment), json);
            this.cwd = config.cwd() == null ? null : Path.of(config.cwd());
            this.started = started;
        }

        /** Starts the process as the SDK does, then tells {@code started}. */
        @Override
        public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
            return super.connect(handler).doOnSuccess(ignored -> started.accept(this));
        }

        private static ServerParameters parameters(McpServerConfig config, Map<String, String> environment) {
            ServerParameters parameters = ServerParameters.builder(config.command()).args(config.args()).build();
            // The SDK fills in LOGNAME, SHELL, TERM and USER as well; the child gets exactly `environment`.
            parameters.getEnv().clear();
            parameters.getEnv().putAll(environment);
            return parameters;
        }

        @Override
        protected ProcessBuilder getProcessBuilder() {
            ProcessBuilder builder = new ProcessBuilder();
            builder.environment().clear();
            if (cwd != null) {
                builder.directory(cwd.toFile());
            }
            return builder;
        }
    }
}
