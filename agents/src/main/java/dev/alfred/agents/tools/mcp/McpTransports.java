package dev.alfred.agents.tools.mcp;

import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds the SDK's transport for one server: {@link McpStdioTransport} (the SDK's stdio transport with the environment
 * of {@link McpEnvironment} and the {@code cwd}) for a {@code command}; {@link HttpClientStreamableHttpTransport} for
 * a {@code url}, with the {@code headers} on every request.
 */
final class McpTransports {
    /** How long an HTTP server has to accept a connection. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private McpTransports() {
    }

    /**
     * @param alfredEnv Alfred's environment, of which {@link McpEnvironment#INHERITED} is passed on to a child
     * @param exited    told when a stdio server's process has ended, with what it last wrote to stderr (or null);
     *                  never told for an HTTP server
     */
    static McpClientTransport create(McpServerConfig config, McpJsonMapper json, Map<String, String> alfredEnv,
            Consumer<String> exited) {
        if (config.stdio()) {
            return new McpStdioTransport(config, json, McpEnvironment.forChild(alfredEnv, config.env()), exited);
        }
        String url = config.url().toString();
        return HttpClientStreamableHttpTransport.builder(url).endpoint(url).jsonMapper(json)
                .connectTimeout(CONNECT_TIMEOUT)
                .httpRequestCustomizer((request, method, uri, body, context) ->
                        config.headers().forEach(request::setHeader))
                .build();
    }
}
