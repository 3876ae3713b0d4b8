package dev.alfred.agents.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A model provider's HTTP API on 127.0.0.1, port 0: it records every request and answers with what the test's
 * {@code answers} function returns for it. The tests write the provider's wire format (OpenAI's chat completions,
 * Anthropic's Messages API, Ollama's chat API) into those answers, so LangChain4j's real clients talk to it.
 */
public final class FakeModelProvider implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Reply> answers = request -> Reply.json(404, "{\"error\":\"not faked\"}");

    private FakeModelProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return a started server that answers 404 until {@link #answering} is called */
    public static FakeModelProvider start() {
        try {
            return new FakeModelProvider();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return this server, now answering every request with {@code answers} */
    public FakeModelProvider answering(Function<Request, Reply> answers) {
        this.answers = answers;
        return this;
    }

    /** @return e.g. {@code http://127.0.0.1:43567}, without a trailing slash */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return every request received, in order */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** @return the requests received that match */
    public List<Request> requests(Predicate<Request> which) {
        return requests.stream().filter(which).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            Reply reply = answers.apply(request);
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /**
     * One request as the provider received it.
     *
     * @param headers header values by lower-case name
     */
    public record Request(String method, String path, Map<String, List<String>> headers, String body) {
        /** @return the header's first value, or null */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** @return the body as JSON */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** @return the {@code model} field of the JSON body */
        public String model() {
            return json().path("model").asText();
        }
    }

    /**
     * What the provider answers.
     *
     * @param headers extra response headers
     */
    public record Reply(int status, String body, Map<String, String> headers) {
        /** @return a JSON answer with that status */
        public static Reply json(int status, String body) {
            return new Reply(status, body, Map.of());
        }

        /** @return this answer with one more header */
        public Reply withHeader(String name, String value) {
            Map<String, String> more = new HashMap<>(headers);
            more.put(name, value);
            return new Reply(status, body, Map.copyOf(more));
        }
    }
}
