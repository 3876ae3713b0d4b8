package dev.alfred.bot.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A stand-in for Slack's Socket Mode server on 127.0.0.1, speaking its protocol: every new connection is greeted
 * with {@code {"type":"hello",…}}; envelopes ({@code slash_commands}, {@code events_api}, {@code interactive}) go to
 * the newest open connection; the app's acknowledgements {@code {"envelope_id":…,"payload":…}} are recorded from
 * any connection. {@link #nextUrl} hands out the URLs {@code apps.connections.open} answers with, one ticket each.
 */
public final class FakeSocketMode implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Server server = new Server();
    private final AtomicInteger tickets = new AtomicInteger();
    private final List<WebSocket> opened = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final Map<String, List<JsonNode>> acks = new ConcurrentHashMap<>();

    private FakeSocketMode() {
    }

    /** Starts a server on a free port and waits until it listens. */
    public static FakeSocketMode start() throws InterruptedException {
        FakeSocketMode fake = new FakeSocketMode();
        fake.server.setReuseAddr(true);
        fake.server.start();
        if (!fake.server.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the fake Socket Mode server did not start");
        }
        return fake;
    }

    /** @return a fresh WebSocket URL, as {@code apps.connections.open} gives one per call */
    public String nextUrl() {
        return "ws://127.0.0.1:" + server.getPort() + "/link/?ticket=" + tickets.incrementAndGet() + "&app_id=A1";
    }

    /** @return how many URLs were handed out, i.e. {@code apps.connections.open} calls answered */
    public int urlsIssued() {
        return tickets.get();
    }

    /** @return how many WebSocket connections were opened so far */
    public int connectionsOpened() {
        return opened.size();
    }

    /** @return how many connections are open now */
    public long openConnections() {
        return opened.stream().filter(WebSocket::isOpen).count();
    }

    /** @return the request paths of the connections opened so far, in order */
    public List<String> connectionPaths() {
        return List.copyOf(paths);
    }

    /** Waits until at least {@code count} connections were opened and the newest is open. */
    public void awaitConnections(int count) {
        Awaitility.await().atMost(WAIT).until(() -> opened.size() >= count && opened.get(opened.size() - 1).isOpen());
    }

    /**
     * Sends a {@code slash_commands} envelope whose payload holds the command's form fields as JSON strings.
     *
     * @return its envelope id
     */
    public String slashCommand(Map<String, String> fields) {
        return send(slashCommands(fields));
    }

    /** @return a {@code slash_commands} envelope whose payload holds the command's form fields as JSON strings */
    public static ObjectNode slashCommands(Map<String, String> fields) {
        ObjectNode payload = JSON.createObjectNode();
        fields.forEach(payload::put);
        return envelope("slash_commands", true, payload);
    }

    /** @return an {@code events_api} envelope of an {@code event_callback} payload, as Slack sends it */
    public static ObjectNode eventsApi(JsonNode eventCallback) {
        return envelope("events_api", false, eventCallback).put("retry_attempt", 0).put("retry_reason", "");
    }

    /** @return an {@code interactive} envelope of an interaction payload (block actions, view submissions) */
    public static ObjectNode interactive(JsonNode interaction) {
        return envelope("interactive", "view_submission".equals(interaction.path("type").asText()), interaction);
    }

    /**
     * Sends an envelope as is (the same one twice is Slack delivering it twice) to the newest open connection.
     *
     * @return its envelope id
     */
    public String send(ObjectNode envelope) {
        awaitConnections(1);
        opened.get(opened.size() - 1).send(envelope.toString());
        return envelope.path("envelope_id").asText();
    }

    /** @return the acknowledgements of an envelope received so far */
    public List<JsonNode> acks(String envelopeId) {
        return List.copyOf(acks.getOrDefault(envelopeId, List.of()));
    }

    /** @return the first acknowledgement of an envelope, waiting for it */
    public JsonNode awaitAck(String envelopeId) {
        return Awaitility.await().atMost(WAIT).until(() -> acks(envelopeId), list -> !list.isEmpty()).get(0);
    }

    /** Asks the app to reconnect, as Slack does before it retires a connection. */
    public void sendDisconnect(String reason) {
        ObjectNode message = JSON.createObjectNode().put("type", "disconnect").put("reason", reason);
        message.putObject("debug_info").put("host", "applink-fake");
        opened.get(opened.size() - 1).send(message.toString());
    }

    /** Drops the newest connection without a closing handshake, as a lost network does. */
    public void dropConnection() {
        opened.get(opened.size() - 1).closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by the fake");
    }

    private static ObjectNode envelope(String type, boolean acceptsResponsePayload, JsonNode payload) {
        ObjectNode envelope = JSON.createObjectNode().put("envelope_id", UUID.randomUUID().toString())
                .put("type", type).put("accepts_response_payload", acceptsResponsePayload);
        envelope.set("payload", payload);
        return envelope;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.stop(1_000);
    }

    private final class Server extends WebSocketServer {
        private final CountDownLatch started = new CountDownLatch(1);

        Server() {
            super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket connection, ClientHandshake handshake) {
            paths.add(handshake.getResourceDescriptor());
            opened.add(connection);
            ObjectNode hello = JSON.createObjectNode().put("type", "hello").put("num_connections", 1);
            hello.putObject("debug_info").put("host", "applink-fake").put("build_number", 1)
                    .put("approximate_connection_time", 18_060);
            hello.putObject("connection_info").put("app_id", "A1");
            connection.send(hello.toString());
        }

        @Override
        public void onMessage(WebSocket connection, String message) {
            try {
                JsonNode node = JSON.readTree(message);
                String envelopeId = node.path("envelope_id").asText(null);
                if (envelopeId != null) {
                    acks.computeIfAbsent(envelopeId, id -> new CopyOnWriteArrayList<>()).add(node);
                }
            } catch (IOException e) {
                throw new IllegalStateException("not JSON from the app: " + message, e);
            }
        }

        @Override
        public void onClose(WebSocket connection, int code, String reason, boolean remote) {
        }

        @Override
        public void onError(WebSocket connection, Exception failure) {
        }
    }
}
