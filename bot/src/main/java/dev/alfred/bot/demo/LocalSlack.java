package dev.alfred.bot.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.alfred.bot.slack.http.SlackPayloads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A stand-in for Slack's Web API on 127.0.0.1, speaking its wire format: methods under {@code /api/}, arguments as
 * {@code application/x-www-form-urlencoded} or JSON, answers {@code {"ok":true,…}} or
 * {@code {"ok":false,"error":"…"}}. Implements {@code auth.test} (which Bolt calls at start and every 10 minutes),
 * {@code chat.postMessage}, {@code chat.update}, {@code chat.postEphemeral}, {@code views.open}, {@code views.publish},
 * {@code usergroups.users.list} (groups set with {@link #userGroup}), {@code conversations.replies} (from the
 * messages it has seen: posted through it, or by people with {@link #personPosted}), the AI-app methods
 * ({@link AiAppMethods}: {@code chat.startStream}, {@code chat.appendStream}, {@code chat.stopStream},
 * {@code assistant.threads.*}) and, once {@link #socketModeUrls} is set, {@code apps.connections.open}; any other
 * method answers {@code unknown_method}.
 * Every call is recorded; a listener sees each message as it arrives.
 *
 * <p>It also serves {@code GET /demo/service-status}, a small JSON status page for the demo's {@code http_get}.
 */
public final class LocalSlack implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final SlackFaults faults = new SlackFaults();
    private final AtomicLong clock = new AtomicLong(1_700_000_000_000_000L);
    private final Map<String, List<String>> userGroups = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Consumer<Call> listener = call -> { };
    private volatile java.util.function.Supplier<String> socketModeUrls;
    private final List<Hold> holds = new CopyOnWriteArrayList<>();
    private final SeenMessages seen = new SeenMessages();

    /** Calls matching {@code which} are recorded (they happened) but answered only once {@code release} opens. */
    private record Hold(java.util.function.Predicate<Call> which, java.util.concurrent.CountDownLatch release) {
    }

    /**
     * One Web API call as received.
     *
     * @param method   e.g. {@code chat.postMessage}
     * @param args     the arguments, form fields or top-level JSON fields as strings
     * @param ts       the {@code ts} answered (for posts) or updated (for updates), else null
     */
    public record Call(String method, Map<String, String> args, String ts) {
        /** @return an argument, or null */
        public String arg(String name) {
            return args.get(name);
        }
    }

    private LocalSlack(HttpServer server) {
        this.server = server;
    }

    /** Starts a stand-in on 127.0.0.1 on a free port. */
    public static LocalSlack start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LocalSlack slack = new LocalSlack(server);
        server.createContext("/api/", slack::handleApi);
        server.createContext("/demo/service-status", SlackFaults::statusPage);
        server.setExecutor(Executors.newFixedThreadPool(8, work -> new Thread(work, "local-slack")));
        server.start();
        return slack;
    }

    /** @return the Web API methods prefix to use as {@code SLACK_API_URL}, ending in {@code /api/} */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** @return the demo status page's URL */
    public String statusPageUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/demo/service-status";
    }

    /** Sets who sees each call as it arrives (the demo prints the thread from it). */
    public void onCall(Consumer<Call> listener) {
        this.listener = listener;
    }

    /** Makes every later call of {@code method} answer {@code {"ok":false,"error":error}}; null clears it. */
    public void failMethod(String method, String error) {
        faults.failMethod(method, error);
    }

    /** Makes the next {@code count} calls of {@code method} answer {@code {"ok":false,"error":error}}. */
    public void failNext(String method, String error, int count) {
        faults.failNext(method, error, count);
    }

    /** Makes the next {@code count} calls fail at the HTTP level ({@link SlackFaults#failHttpNext}). */
    public void failHttpNext(String method, int status, int count, int retryAfterSeconds) {
        faults.failHttpNext(method, status, count, retryAfterSeconds);
    }

    /** Enforces Slack's per-channel posting limit ({@link SlackFaults#limitPostsPerChannel}). */
    public void limitPostsPerChannel(double perSecond, int burst) {
        faults.limitPostsPerChannel(perSecond, burst);
    }

    /**
     * A call answered with an HTTP error by {@link #failHttpNext}.
     *
     * @param atNanos {@link System#nanoTime()} when it was answered
     */
    public record Rejected(String method, int status, long atNanos) {
    }

    /** @return the calls answered with an HTTP error, in order */
    public List<Rejected> rejected() {
        return faults.rejected();
    }

    /**
     * Holds the answer to every call matching {@code which} until {@code release} is counted down: the call is
     * recorded at once (it happened), but its caller waits, as if the answer were slow.
     */
    public void holdAnswers(java.util.function.Predicate<Call> which, java.util.concurrent.CountDownLatch release) {
        holds.add(new Hold(which, release));
    }

    /**
     * Makes {@code apps.connections.open} answer {@code {"ok":true,"url":…}} with the next URL of {@code urls}, as
     * Slack answers an app-level token with a fresh WebSocket URL for Socket Mode.
     */
    public void socketModeUrls(java.util.function.Supplier<String> urls) {
        this.socketModeUrls = urls;
    }

    /** Defines a user group's members for {@code usergroups.users.list}; an unknown group answers {@code no_such_subteam}. */
    public void userGroup(String groupId, String... userIds) {
        userGroups.put(groupId, List.of(userIds));
    }

    /** @return every call so far, in arrival order */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** @return the calls of one method, in arrival order */
    public List<Call> calls(String method) {
        return calls.stream().filter(call -> call.method().equals(method)).toList();
    }

    /**
     * Records a message a person posted in a thread (people's messages reach Alfred as Events API deliveries, not
     * through the Web API), so that {@code conversations.replies} answers with it. Not recorded as a call.
     *
     * @return the message's {@code ts}
     */
    public String personPosted(String channelId, String threadTs, String userId, String text) {
        String ts = nextTs();
        seen.add(channelId, ts, threadTs, userId, null, text);
        return ts;
    }

    /** @return the texts of Alfred's messages in a thread as people see them now (streams and updates applied) */
    public List<String> threadTexts(String channelId, String threadTs) {
        return seen.texts(channelId, threadTs);
    }

    /** @return the messages posted in a thread (replies with that {@code thread_ts}), in order */
    public List<Call> threadReplies(String threadTs) {
        return calls("chat.postMessage").stream().filter(call -> threadTs.equals(call.arg("thread_ts"))).toList();
    }

    private void handleApi(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        Map<String, String> args = arguments(exchange);
        ObjectNode answer = JSON.createObjectNode();
        if (faults.refused(method, args.get("channel"), exchange)) {
            return;
        }
        String failure = faults.nextFailure(method, args);
        String ts = null;
        if (failure != null) {
            answer.put("ok", false).put("error", failure);
        } else if (AiAppMethods.handles(method)) {
            ts = AiAppMethods.answer(method, args, answer, seen, this::nextTs);
        } else {
            switch (method) {
                case "auth.test" -> answer.put("ok", true).put("url", "https://alfred-demo.slack.com/")
                        .put("team", "Alfred Demo").put("user", "alfred").put("team_id", "TDEMO")
                        .put("user_id", "UALFRED").put("bot_id", "BALFRED");
                case "chat.postMessage" -> {
                    ts = nextTs();
                    seen.add(args.get("channel"), ts, args.get("thread_ts"), "UALFRED", "BALFRED", args.get("text"));
                    answer.put("ok", true).put("channel", args.get("channel")).put("ts", ts);
                    answer.putObject("message").put("text", args.get("text")).put("ts", ts);
                }
                case "chat.update" -> {
                    ts = args.get("ts");
                    seen.update(ts, args.get("text"));
                    answer.put("ok", true).put("channel", args.get("channel")).put("ts", ts)
                            .put("text", args.get("text"));
                }
                case "chat.postEphemeral" -> answer.put("ok", true).put("message_ts", nextTs());
                case "views.open" -> {
                    answer.put("ok", true);
                    answer.putObject("view").put("id", "V" + nextTs().replace(".", ""));
                }
                case "views.publish" -> {
                    answer.put("ok", true);
                    answer.putObject("view").put("id", "V" + nextTs().replace(".", "")).put("type", "home");
                }
                case "usergroups.users.list" -> {
                    List<String> members = userGroups.get(args.get("usergroup"));
                    if (members == null) {
                        answer.put("ok", false).put("error", "no_such_subteam");
                    } else {
                        answer.put("ok", true).putArray("users").addAll(members.stream()
                                .map(JSON.getNodeFactory()::textNode).toList());
                    }
                }
                case "conversations.replies" -> seen.replies(args, answer);
                case "apps.connections.open" -> {
                    java.util.function.Supplier<String> urls = socketModeUrls;
                    if (urls == null) {
                        answer.put("ok", false).put("error", "unknown_method");
                    } else {
                        answer.put("ok", true).put("url", urls.get());
                    }
                }
                default -> answer.put("ok", false).put("error", "unknown_method");
            }
        }
        Call call = new Call(method, args, ts);
        calls.add(call);
        if (failure == null) {
            listener.accept(call);
        }
        for (Hold hold : holds) {
            if (hold.which().test(call)) {
                try {
                    hold.release().await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        byte[] body = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> arguments(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        Map<String, String> args = new HashMap<>();
        if (type != null && type.startsWith("application/json")) {
            JsonNode node = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            node.fields().forEachRemaining(field -> args.put(field.getKey(),
                    field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()));
        } else {
            args.putAll(SlackPayloads.form(body));
        }
        return args;
    }

    private String nextTs() {
        long micros = clock.addAndGet(100);
        return micros / 1_000_000 + "." + String.format("%06d", micros % 1_000_000);
    }

    /** @return a copy of the recorded calls as a list of {@code method: text} lines, for test failure messages */
    public List<String> transcript() {
        List<String> lines = new ArrayList<>();
        for (Call call : calls) {
            lines.add(call.method() + ": " + call.arg("text"));
        }
        return lines;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
