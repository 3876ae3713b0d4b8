package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.agents.tools.ToolRegistry;
import dev.alfred.agents.tools.mcp.McpServerState;
import dev.alfred.agents.tools.mcp.McpServers;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.McpTestServers;
import dev.alfred.bot.support.TestDatabase;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle of MCP servers in a running Alfred: start-up does not wait for them, a stdio server whose process
 * ends is restarted, and its children end with Alfred. On H2 only.
 */
class McpLifecycleIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void startUpAndHealthDoNotWaitForAServerThatIsSlowToAnswer() throws Exception {
        McpTestServers.requireInstalled();
        Path config = config(Map.of("silent", Map.of("command", "node", "args",
                List.of("-e", "setTimeout(() => {}, 120000)"))));
        long started = System.nanoTime();
        try (AlfredTestApp app = AlfredTestApp.start(TestDatabase.h2(), Map.of("alfred.mcp.config",
                config.toString(), "alfred.mcp.call-timeout", "60s"))) {
            HttpResponse<String> health = get(app, "/health");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(health.body());
            assertThat(body.path("status").asText()).isEqualTo("UP");
            assertThat(body.path("mcpServers").path("silent").asText()).isEqualTo("STARTING");
        }
    }

    @Test
    void aStdioServerWhoseProcessEndsIsRestartedAndItsChildEndsWithAlfred() throws Exception {
        McpTestServers.requireInstalled();
        Path config = config(Map.of("everything", Map.of("command", "node", "args",
                List.of(McpTestServers.everything().toString(), "stdio"))));
        AlfredTestApp app = AlfredTestApp.start(TestDatabase.h2(), Map.of("alfred.mcp.config", config.toString(),
                "alfred.mcp.max-restart-delay", "1s"));
        try {
            McpServers servers = app.context.getBean(McpServers.class);
            await().atMost(WAIT).until(() -> servers.states().get(0).status() == McpServerState.Status.UP);
            ProcessHandle first = await().atMost(WAIT).until(McpLifecycleIT::everythingChild, Optional::isPresent)
                    .orElseThrow();

            first.destroyForcibly();

            ProcessHandle second = await().atMost(WAIT).until(McpLifecycleIT::everythingChild,
                    child -> child.isPresent() && child.get().pid() != first.pid()).orElseThrow();
            await().atMost(WAIT).until(() -> servers.states().get(0).status() == McpServerState.Status.UP);
            assertThat(app.context.getBean(ToolRegistry.class).find("mcp__everything__echo")).isPresent();

            app.close();
            app = null;

            await().atMost(Duration.ofSeconds(30)).until(() -> !second.isAlive());
        } finally {
            if (app != null) {
                app.close();
            }
        }
    }

    /** @return the reference server started over stdio by this JVM, if one runs */
    private static Optional<ProcessHandle> everythingChild() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().orElse("").contains(
                        McpTestServers.everything().toString() + " stdio"))
                .findFirst();
    }

    private static Path config(Map<String, Object> servers) throws Exception {
        Path file = Files.createTempDirectory("alfred-mcp-lifecycle").resolve("mcp.json");
        Files.writeString(file, JSON.writeValueAsString(Map.of("mcpServers", servers)));
        return file;
    }

    private static HttpResponse<String> get(AlfredTestApp app, String path) throws Exception {
        int port = app.context.getBean(EmbeddedServer.class).getPort();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
