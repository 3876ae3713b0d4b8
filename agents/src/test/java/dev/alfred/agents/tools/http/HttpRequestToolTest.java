package dev.alfred.agents.tools.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.alfred.agents.tools.ToolArguments;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRequestToolTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpRequestTool tool = new HttpRequestTool(Duration.ofSeconds(5), 64,
            new AddressGuard(HttpAllowList.parse("127.0.0.1")));
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** One request the local server answered. */
    record Received(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            if (exchange.getRequestURI().getPath().equals("/moved")) {
                exchange.getResponseHeaders().set("Location", "/elsewhere");
                exchange.sendResponseHeaders(303, -1);
                exchange.close();
                return;
            }
            byte[] body = (exchange.getRequestURI().getPath().equals("/long") ? "x".repeat(200)
                    : "{\"id\":42}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void sendsTheMethodHeadersBodyAndIdempotencyKeyAndReturnsStatusTypeAndBody() throws Exception {
        ToolResult result = tool.execute(args("{\"method\":\"PATCH\",\"url\":\"" + url("/tickets/7")
                + "\",\"headers\":{\"Authorization\":\"Bearer t0k\",\"X-Trace\":\"abc\"},"
                + "\"body\":\"{\\\"state\\\":\\\"closed\\\"}\"}"), context("alfred-action-01ABC"));

        assertThat(result.error()).isFalse();
        assertThat(result.content()).startsWith("HTTP 201 (application/json)").contains("{\"id\":42}");
        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("PATCH");
            assertThat(request.path()).isEqualTo("/tickets/7");
            assertThat(request.body()).isEqualTo("{\"state\":\"closed\"}");
            assertThat(request.header("Authorization")).isEqualTo("Bearer t0k");
            assertThat(request.header("X-Trace")).isEqualTo("abc");
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.header("Idempotency-Key")).isEqualTo("\"alfred-action-01ABC\"");
            assertThat(request.header("User-Agent")).contains("http_request");
        });
    }

    @Test
    void theActionsIdempotencyKeyReplacesOneTheModelSetAndNoneIsSentWithoutOne() throws Exception {
        tool.execute(args("{\"method\":\"POST\",\"url\":\"" + url("/a") + "\",\"headers\":{\"idempotency-key\":"
                + "\"mine\"},\"body\":\"hello\"}"), context("alfred-action-01XYZ"));
        tool.execute(args("{\"method\":\"DELETE\",\"url\":\"" + url("/b") + "\"}"), context(null));

        assertThat(received).hasSize(2);
        assertThat(received.get(0).header("Idempotency-Key")).isEqualTo("\"alfred-action-01XYZ\"");
        assertThat(received.get(0).header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(received.get(1).method()).isEqualTo("DELETE");
        assertThat(received.get(1).header("Idempotency-Key")).isNull();
        assertThat(received.get(1).body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "Connection", "transfer-encoding", "Upgrade", "Proxy-Authorization", "TE",
        "Keep-Alive", "Content-Length"})
    void hopByHopAndHostHeadersAreRefusedAndNothingIsSent(String header) throws Exception {
        ToolResult result = tool.execute(args("{\"method\":\"POST\",\"url\":\"" + url("/x") + "\",\"headers\":{\""
                + header + "\":\"v\"}}"), context(null));

        assertThat(result.error()).isTrue();
        assertThat(result.content()).contains(header, "may not be set", "nothing was sent");
        assertThat(received).isEmpty();
    }

    @Test
    void headerValuesWithLineBreaksAreRefused() throws Exception {
        ToolResult result = tool.execute(args("{\"method\":\"POST\",\"url\":\"" + url("/x") + "\",\"headers\":"
                + "{\"X-A\":\"v\\r\\nX-Injected: 1\"}}"), context(null));

        assertThat(result.content()).contains("line break");
        assertThat(received).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/api/token", "http://[fe80::1]/", "http://2852039166/"})
    void linkLocalHostsAreRefusedWhateverThePolicySays(String url) throws Exception {
        ToolResult result = tool.execute(args("{\"method\":\"PUT\",\"url\":\"" + url + "\"}"), context("k"));

        assertThat(result.error()).isTrue();
        assertThat(result.content()).contains("link-local", "nothing was sent");
    }

    @Test
    void redirectsAreReportedNotFollowedAndLongBodiesAreCut() throws Exception {
        ToolResult moved = tool.execute(args("{\"method\":\"POST\",\"url\":\"" + url("/moved") + "\"}"),
                context(null));
        ToolResult cut = tool.execute(args("{\"method\":\"POST\",\"url\":\"" + url("/long") + "\"}"), context(null));

        assertThat(moved.content()).startsWith("HTTP 303 redirect to " + url("/elsewhere")).contains("not followed");
        assertThat(cut.content()).contains("x".repeat(64)).doesNotContain("x".repeat(65))
                .endsWith("[body cut at 64 bytes]");
        assertThat(received).extracting(Received::path).containsExactly("/moved", "/long");
    }

    @Test
    void theSchemaEnumeratesTheWriteMethodsAndTypesHeadersAsStrings() throws Exception {
        assertThat(ToolArguments.problems(tool, args("{\"method\":\"POST\",\"url\":\"http://x/\","
                + "\"headers\":{\"A\":\"b\"},\"body\":\"\"}"))).isEmpty();
        assertThat(ToolArguments.problems(tool, args("{\"method\":\"GET\",\"url\":\"http://x/\"}")))
                .singleElement().asString().contains("method");
        assertThat(ToolArguments.problems(tool, args("{\"method\":\"POST\",\"url\":\"http://x/\","
                + "\"headers\":{\"A\":1}}"))).singleElement().asString().contains("headers");
        assertThat(ToolArguments.problems(tool, args("{\"url\":\"http://x/\"}"))).isNotEmpty();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static JsonNode args(String json) throws IOException {
        return JSON.readTree(json);
    }

    private static ToolContext context(String idempotencyKey) {
        return new ToolContext("run1", "alfred", "call_1", "C1", "1.000100", idempotencyKey);
    }
}
