package dev.alfred.bot.bench;

import com.slack.api.app_backend.SlackSignature;
import dev.alfred.bot.demo.SlackUser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Slash commands (and {@code app_mention} events) as Slack delivers them, from a fixed pool of client threads on one
 * JDK {@link HttpClient} (HTTP/1.1, so each thread keeps its own connection): a closed loop, each thread sending its
 * next command as soon as the last was answered. Every command is signed just before it is sent (fresh timestamp)
 * and has a unique {@code trigger_id} (a mention, its own {@code event_id} and {@code ts}). The latency is from
 * sending (after signing) to the whole answer received.
 */
final class SlashLoad implements AutoCloseable {
    /** A command to send: {@code /alfred <text>} in {@code channelId}. */
    record Command(String channelId, String text) {
    }

    /** One command's answer and how long it took. */
    record Outcome(Command command, int status, String body, long nanos) {
    }

    private static final AtomicInteger MENTIONS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService callers;
    private final int connections;
    private final int port;
    private final SlackSignature.Generator signer;

    SlashLoad(int port, String signingSecret, int connections) {
        this.port = port;
        this.connections = connections;
        this.signer = new SlackSignature.Generator(signingSecret);
        this.callers = Executors.newFixedThreadPool(connections, work -> new Thread(work, "bench-load"));
    }

    /** Sends {@code count} commands to {@code path} ({@code /slack/events} or the floor) and collects the outcomes. */
    List<Outcome> run(String path, int count, IntFunction<Command> commands) throws Exception {
        return run(path, count, commands, false);
    }

    /**
     * Sends {@code count} Events API {@code app_mention} deliveries ({@code @Alfred <text>} by {@code U1}, each a
     * new top-level message with its own {@code event_id}) to {@code path} and collects the outcomes.
     */
    List<Outcome> runMentions(String path, int count, IntFunction<Command> mentions) throws Exception {
        return run(path, count, mentions, true);
    }

    /**
     * Sends {@code count} Events API {@code message} deliveries: {@code U1}'s reply {@code text} in the thread
     * {@code threadTs} of channel {@code channelId} (command {@code n} of {@code replies}: its {@code text} is the
     * reply, its {@code channelId} is {@code <channel>:<thread_ts>}), each with its own {@code event_id} and
     * {@code ts}, as Slack sends a person's thread reply ({@code channel_type: channel}).
     */
    List<Outcome> runReplies(String path, int count, IntFunction<Command> replies) throws Exception {
        return run(path, count, replies, (endpoint, reply) -> sendReply(endpoint, reply));
    }

    /**
     * Sends {@code count} {@code block_actions} interaction payloads: {@code U1} clicks a button of a message in a
     * thread, as {@link SlackUser#click} builds it (unique {@code trigger_id}). {@code clicks} gives each a
     * {@link Click}.
     */
    List<Outcome> runClicks(String path, int count, IntFunction<Click> clicks) throws Exception {
        return run(path, count, n -> new Command("click", String.valueOf(n)),
                (endpoint, command) -> sendClick(endpoint, command, clicks.apply(Integer.parseInt(command.text()))));
    }

    /** A button click: the message ({@code messageTs}) in the thread {@code threadTs}, its button and value. */
    record Click(String channelId, String messageTs, String threadTs, String actionId, String value) {
    }

    private interface Sender {
        Outcome send(URI endpoint, Command command) throws Exception;
    }

    private List<Outcome> run(String path, int count, IntFunction<Command> commands, boolean mentions)
            throws Exception {
        return run(path, count, commands, mentions ? this::sendMention : this::send);
    }

    private List<Outcome> run(String path, int count, IntFunction<Command> commands, Sender sender)
            throws Exception {
        URI endpoint = URI.create("http://127.0.0.1:" + port + path);
        AtomicInteger next = new AtomicInteger();
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            workers.add(callers.submit(() -> {
                for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                    outcomes.add(sender.send(endpoint, commands.apply(n)));
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        return outcomes;
    }

    private Outcome sendMention(URI endpoint, Command mention) throws Exception {
        String ts = Instant.now().getEpochSecond() + "."
                + String.format("%06d", MENTIONS.incrementAndGet() % 1_000_000);
        String body = "{\"token\":\"legacy-token\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"type\":"
                + "\"event_callback\",\"event_id\":\"EvBench" + UUID.randomUUID() + "\",\"event_time\":"
                + Instant.now().getEpochSecond() + ",\"event\":{\"type\":\"app_mention\",\"user\":\"U1\","
                + "\"text\":\"<@UALFRED> " + mention.text() + "\",\"ts\":\"" + ts + "\",\"channel\":\""
                + mention.channelId() + "\",\"event_ts\":\"" + ts + "\"}}";
        return post(endpoint, mention, "application/json", body);
    }

    private Outcome sendReply(URI endpoint, Command reply) throws Exception {
        String[] where = reply.channelId().split(":", 2);
        String ts = Instant.now().getEpochSecond() + "."
                + String.format("%06d", MENTIONS.incrementAndGet() % 1_000_000);
        String body = "{\"token\":\"legacy-token\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"type\":"
                + "\"event_callback\",\"event_id\":\"EvBench" + UUID.randomUUID() + "\",\"event_time\":"
                + Instant.now().getEpochSecond() + ",\"event\":{\"type\":\"message\",\"user\":\"U1\","
                + "\"text\":\"" + reply.text() + "\",\"ts\":\"" + ts + "\",\"thread_ts\":\"" + where[1]
                + "\",\"channel\":\"" + where[0] + "\",\"channel_type\":\"channel\",\"event_ts\":\"" + ts
                + "\"}}";
        return post(endpoint, reply, "application/json", body);
    }

    private Outcome sendClick(URI endpoint, Command command, Click click) throws Exception {
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions").put("api_app_id", "A1")
                .put("token", "legacy-token").put("trigger_id", "bench." + UUID.randomUUID())
                .put("response_url", "https://hooks.slack.invalid/actions/T1");
        payload.putObject("team").put("id", "T1").put("domain", "acme");
        payload.putObject("user").put("id", "U1").put("username", "u1").put("team_id", "T1");
        payload.putObject("container").put("type", "message").put("message_ts", click.messageTs())
                .put("channel_id", click.channelId()).put("is_ephemeral", false).put("thread_ts", click.threadTs());
        payload.putObject("channel").put("id", click.channelId()).put("name", "ops");
        payload.putObject("message").put("type", "message").put("ts", click.messageTs())
                .put("thread_ts", click.threadTs());
        payload.putArray("actions").addObject().put("action_id", click.actionId()).put("block_id", "approval")
                .put("value", click.value()).put("type", "button")
                .put("action_ts", Instant.now().getEpochSecond() + ".1");
        return post(endpoint, command, "application/x-www-form-urlencoded", "payload="
                + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8));
    }

    private Outcome send(URI endpoint, Command command) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", "legacy-token");
        fields.put("team_id", "T1");
        fields.put("channel_id", command.channelId());
        fields.put("user_id", "U1");
        fields.put("command", "/alfred");
        fields.put("text", command.text());
        fields.put("trigger_id", "bench." + UUID.randomUUID());
        fields.put("response_url", "https://hooks.slack.invalid/commands/T1");
        return post(endpoint, command, "application/x-www-form-urlencoded", SlackUser.form(fields));
    }

    private Outcome post(URI endpoint, Command command, String contentType, String body) throws Exception {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", signer.generate(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Outcome(command, response.statusCode(), response.body(), System.nanoTime() - started);
    }

    /** @return the latencies of the outcomes answered 200 */
    static Stats latencies(List<Outcome> outcomes) {
        return Stats.ofNanos(outcomes.stream().filter(outcome -> outcome.status() == 200).map(Outcome::nanos)
                .toList());
    }

    /** @return how many outcomes were not a 200 */
    static long failures(List<Outcome> outcomes) {
        return outcomes.stream().filter(outcome -> outcome.status() != 200).count();
    }

    @Override
    public void close() {
        callers.shutdownNow();
    }
}
