package dev.alfred.bot.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.SlackSignature;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A person in a workspace, as Slack delivers their actions to Alfred's {@code POST /slack/events}: slash commands
 * (form-encoded), thread replies (Events API JSON) and button clicks (form-encoded {@code payload} of type
 * {@code block_actions}), each signed with the app's signing secret as Slack signs them. Used by the demo and by
 * the integration tests.
 */
public final class SlackUser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI endpoint;
    private final String signingSecret;
    private final String teamId;
    private final String userId;

    /**
     * @param port          Alfred's HTTP port on 127.0.0.1
     * @param signingSecret the app's signing secret
     */
    public SlackUser(int port, String signingSecret, String teamId, String userId) {
        this.endpoint = URI.create("http://127.0.0.1:" + port + "/slack/events");
        this.signingSecret = signingSecret;
        this.teamId = teamId;
        this.userId = userId;
    }

    /** @return the same workspace and secret, acting as another user */
    public SlackUser as(String otherUserId) {
        return new SlackUser(endpoint.getPort(), signingSecret, teamId, otherUserId);
    }

    /** @return the user's id */
    public String userId() {
        return userId;
    }

    /** Types {@code /alfred <text>} in a channel; a fresh {@code trigger_id} each time. */
    public HttpResponse<String> command(String channelId, String text) throws IOException, InterruptedException {
        return command(channelId, text, "trigger." + UUID.randomUUID());
    }

    /**
     * Delivers {@code /alfred <text>} with a given {@code trigger_id}: the same id twice is the same delivery (as
     * when Slack retries it).
     */
    public HttpResponse<String> command(String channelId, String text, String triggerId)
            throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", "legacy-token");
        fields.put("team_id", teamId);
        fields.put("channel_id", channelId);
        fields.put("user_id", userId);
        fields.put("command", "/alfred");
        fields.put("text", text);
        fields.put("trigger_id", triggerId);
        fields.put("response_url", "https://hooks.slack.invalid/commands/" + teamId);
        return post("application/x-www-form-urlencoded", form(fields));
    }

    /**
     * Replies in a thread: an Events API {@code event_callback} with a {@code message} event.
     *
     * @param eventId Slack's delivery id; the same id twice is the same delivery
     */
    public HttpResponse<String> reply(String channelId, String threadTs, String text, String eventId)
            throws IOException, InterruptedException {
        return reply(channelId, threadTs, text, eventId, null);
    }

    /**
     * Replies in a thread with a message {@code subtype} (e.g. {@code thread_broadcast}, {@code message_changed}),
     * or none when null.
     */
    public HttpResponse<String> reply(String channelId, String threadTs, String text, String eventId,
            String subtype) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("token", "legacy-token").put("team_id", teamId)
                .put("api_app_id", "A1").put("type", "event_callback").put("event_id", eventId)
                .put("event_time", Instant.now().getEpochSecond());
        body.putObject("event").put("type", "message").put("channel", channelId).put("user", userId)
                .put("text", text).put("ts", messageTs())
                .put("thread_ts", threadTs).put("channel_type", "channel")
                .put("event_ts", String.valueOf(Instant.now().getEpochSecond()));
        if (subtype != null) {
            ((ObjectNode) body.get("event")).put("subtype", subtype);
        }
        return post("application/json", body.toString());
    }

    /**
     * Opens Alfred's App Home tab: an Events API {@code event_callback} with an {@code app_home_opened} event.
     *
     * @param eventId Slack's delivery id
     */
    public HttpResponse<String> openHome(String eventId) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("token", "legacy-token").put("team_id", teamId)
                .put("api_app_id", "A1").put("type", "event_callback").put("event_id", eventId)
                .put("event_time", Instant.now().getEpochSecond());
        body.putObject("event").put("type", "app_home_opened").put("user", userId).put("channel", "D" + userId)
                .put("tab", "home").put("event_ts", Instant.now().getEpochSecond() + ".000100");
        return post("application/json", body.toString());
    }

    /** Clicks a button in the App Home tab: a {@code block_actions} payload whose container is the home view. */
    public HttpResponse<String> clickInHome(String actionId, String value) throws IOException, InterruptedException {
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions")
                .put("api_app_id", "A1").put("token", "legacy-token").put("trigger_id", "trigger." + UUID.randomUUID());
        payload.putObject("team").put("id", teamId).put("domain", "acme");
        payload.putObject("user").put("id", userId).put("username", userId.toLowerCase()).put("team_id", teamId);
        payload.putObject("container").put("type", "view").put("view_id", "VHOME" + userId);
        payload.putObject("view").put("id", "VHOME" + userId).put("type", "home");
        payload.putArray("actions").addObject().put("action_id", actionId).put("block_id", "home")
                .put("value", value).put("type", "button").put("action_ts", Instant.now().getEpochSecond() + ".1");
        return post("application/x-www-form-urlencoded", "payload=" + URLEncoder.encode(payload.toString(),
                StandardCharsets.UTF_8));
    }

    /** Clicks a button in a message: a {@code block_actions} interaction payload (block id {@code approval}). */
    public HttpResponse<String> click(String channelId, String messageTs, String threadTs, String actionId,
            String value) throws IOException, InterruptedException {
        return click(channelId, messageTs, threadTs, "approval", actionId, value);
    }

    /** Clicks a button in a given block of a message, as Slack sends it: the block's {@code block_id} included. */
    public HttpResponse<String> click(String channelId, String messageTs, String threadTs, String blockId,
            String actionId, String value) throws IOException, InterruptedException {
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions")
                .put("api_app_id", "A1").put("token", "legacy-token").put("trigger_id", "trigger." + UUID.randomUUID())
                .put("response_url", "https://hooks.slack.invalid/actions/" + teamId);
        payload.putObject("team").put("id", teamId).put("domain", "acme");
        payload.putObject("user").put("id", userId).put("username", userId.toLowerCase()).put("team_id", teamId);
        payload.putObject("container").put("type", "message").put("message_ts", messageTs)
                .put("channel_id", channelId).put("is_ephemeral", false).put("thread_ts", threadTs);
        payload.putObject("channel").put("id", channelId).put("name", "ops");
        payload.putObject("message").put("type", "message").put("ts", messageTs).put("thread_ts", threadTs);
        payload.putArray("actions").addObject().put("action_id", actionId).put("block_id", blockId)
                .put("value", value).put("type", "button").put("action_ts", Instant.now().getEpochSecond() + ".1");
        return post("application/x-www-form-urlencoded", "payload=" + URLEncoder.encode(payload.toString(),
                StandardCharsets.UTF_8));
    }

    /**
     * Submits a modal: a {@code view_submission} payload with one plain-text input.
     *
     * @param block the input's block id, which is also its action id
     */
    public HttpResponse<String> submit(String callbackId, String privateMetadata, String block, String value)
            throws IOException, InterruptedException {
        ObjectNode payload = JSON.createObjectNode().put("type", "view_submission").put("api_app_id", "A1")
                .put("token", "legacy-token").put("trigger_id", "trigger." + UUID.randomUUID());
        payload.putObject("team").put("id", teamId).put("domain", "acme");
        payload.putObject("user").put("id", userId).put("username", userId.toLowerCase()).put("team_id", teamId);
        ObjectNode view = payload.putObject("view").put("id", "V1").put("type", "modal")
                .put("callback_id", callbackId).put("private_metadata", privateMetadata).put("team_id", teamId);
        ObjectNode input = view.putObject("state").putObject("values").putObject(block).putObject(block)
                .put("type", "plain_text_input");
        if (value == null) {
            input.putNull("value");
        } else {
            input.put("value", value);
        }
        return post("application/x-www-form-urlencoded", "payload=" + URLEncoder.encode(payload.toString(),
                StandardCharsets.UTF_8));
    }

    /** @return a message {@code ts} for now, {@code seconds.microseconds} as Slack writes them */
    private static String messageTs() {
        Instant now = Instant.now();
        return now.getEpochSecond() + "." + String.format("%06d", now.getNano() / 1_000);
    }

    private HttpResponse<String> post(String contentType, String body) throws IOException, InterruptedException {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", new SlackSignature.Generator(signingSecret).generate(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** @return the fields URL-encoded, in order, as Slack sends form bodies */
    public static String form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }
}
