package dev.alfred.bot.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake OpenAI-compatible server on 127.0.0.1: {@code POST /v1/chat/completions} answers from a script, in the
 * real wire format (a {@code chat.completion} object with {@code choices[0].message} carrying {@code content} or
 * {@code tool_calls}, and {@code usage}), or with an HTTP error in OpenAI's error shape. Records every request body.
 * When the script runs out it answers 500, so a test that expected fewer calls fails loudly.
 */
public final class FakeOpenAi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final java.util.Queue<Served> served = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private int callCounter;
    private java.util.function.Function<JsonNode, Reply> responder;
    private boolean sizedUsage;

    /** One scripted answer. */
    public sealed interface Reply permits Text, ToolCall, ToolCalls, Failure, RateLimited {
    }

    /** A final text answer. */
    public record Text(String content) implements Reply {
    }

    /** A single tool call. */
    public record ToolCall(String name, String arguments) implements Reply {
    }

    /** Several tool calls in one turn, which the model asks for together. */
    public record ToolCalls(List<ToolCall> calls) implements Reply {
    }

    /**
     * One request as this fake served it.
     *
     * @param request    the request body
     * @param receivedAt {@link System#nanoTime()} when the handler began (before reading the body)
     * @param answeredAt {@link System#nanoTime()} when the answer was written
     */
    public record Served(JsonNode request, long receivedAt, long answeredAt) {
        /** @return the time spent inside this fake, in nanoseconds: the model time of a zero-latency model */
        public long nanos() {
            return answeredAt - receivedAt;
        }
    }

    /** An HTTP error with an OpenAI-style error body. */
    public record Failure(int status, String message) implements Reply {
    }

    /**
     * OpenAI's rate-limit answer: HTTP 429 with {@code Retry-After} (seconds) and an error of type
     * {@code requests}, code {@code rate_limit_exceeded}.
     */
    public record RateLimited(int retryAfterSeconds) implements Reply {
    }

    private FakeOpenAi(HttpServer server) {
        this.server = server;
    }

    /** Starts the fake on a free port. */
    public static FakeOpenAi start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeOpenAi fake = new FakeOpenAi(server);
        server.createContext("/v1/chat/completions", fake::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-openai");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return fake;
    }

    /** @return the base URL including {@code /v1}, for {@code OPENAI_BASE_URL} */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Appends answers to the script. */
    public synchronized FakeOpenAi then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** Drops the script, the responder and the recorded requests; usage goes back to fixed counts. */
    public synchronized void reset() {
        script.clear();
        requests.clear();
        served.clear();
        responder = null;
        sizedUsage = false;
    }

    /**
     * Reports {@code usage.prompt_tokens} as the request's size, {@link #promptTokens(JsonNode)}, instead of a fixed
     * 42, the way a real provider's count grows with the prompt.
     */
    public synchronized void reportPromptSize() {
        sizedUsage = true;
    }

    /**
     * @return the tokens this fake counts for a request: the characters of its messages' contents, tool calls and
     *         tool specifications, divided by 4, plus 4 per message
     */
    public static int promptTokens(JsonNode request) {
        long chars = 0;
        for (JsonNode message : request.path("messages")) {
            chars += message.path("content").asText("").length() + message.path("tool_calls").toString().length();
        }
        chars += request.path("tools").isMissingNode() ? 0 : request.path("tools").toString().length();
        return (int) (chars / 4 + 4L * request.path("messages").size());
    }

    /** Answers every request without a script: the function sees the request body and picks the reply. */
    public synchronized void respondWith(java.util.function.Function<JsonNode, Reply> responder) {
        this.responder = responder;
    }

    /** @return the request bodies received so far, in order */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** @return every request answered so far with its timing, in the order the answers were written */
    public List<Served> served() {
        return List.copyOf(served);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long receivedAt = System.nanoTime();
        JsonNode request = answer(exchange);
        served.add(new Served(request, receivedAt, System.nanoTime()));
    }

    private JsonNode answer(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        Reply reply;
        int call;
        java.util.function.Function<JsonNode, Reply> respond;
        boolean sized;
        synchronized (this) {
            sized = sizedUsage;
            requests.add(request);
            respond = script.isEmpty() ? responder : null;
            reply = respond == null ? script.poll() : null;
            call = ++callCounter;
        }
        if (respond != null) {
            reply = respond.apply(request); // outside the lock: a responder may wait, other requests go on
        }
        if (reply == null) {
            reply = new Failure(500, "the fake model's script ran out");
        }
        if (reply instanceof RateLimited limited) {
            ObjectNode body = JSON.createObjectNode();
            body.putObject("error").put("message", "Rate limit reached for requests").put("type", "requests")
                    .putNull("param").put("code", "rate_limit_exceeded");
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(limited.retryAfterSeconds()));
            send(exchange, 429, body);
            return request;
        }
        if (reply instanceof Failure failure) {
            ObjectNode body = JSON.createObjectNode();
            body.putObject("error").put("message", failure.message()).put("type", "invalid_request_error")
                    .putNull("param").putNull("code");
            send(exchange, failure.status(), body);
            return request;
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-" + call).put("object", "chat.completion").put("created", 1_700_000_000L)
                .put("model", request.path("model").asText("fake-model"));
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        List<ToolCall> toolCalls = reply instanceof ToolCall one ? List.of(one)
                : reply instanceof ToolCalls several ? several.calls() : List.of();
        if (!toolCalls.isEmpty()) {
            message.putNull("content");
            ArrayNode calls = message.putArray("tool_calls");
            for (int i = 0; i < toolCalls.size(); i++) {
                String id = toolCalls.size() == 1 ? "call_" + call : "call_" + call + "_" + i;
                calls.addObject().put("id", id).put("type", "function").putObject("function")
                        .put("name", toolCalls.get(i).name()).put("arguments", toolCalls.get(i).arguments());
            }
            choice.put("finish_reason", "tool_calls");
        } else {
            message.put("content", ((Text) reply).content());
            choice.put("finish_reason", "stop");
        }
        int promptTokens = sized ? promptTokens(request) : 42;
        body.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", 7)
                .put("total_tokens", promptTokens + 7);
        send(exchange, 200, body);
        return request;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
