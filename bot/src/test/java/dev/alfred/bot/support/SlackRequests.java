package dev.alfred.bot.support;

import com.slack.api.app_backend.SlackSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Sends requests to Alfred's {@code /slack/events} as Slack does: form-encoded slash commands and JSON Events API
 * callbacks, signed with {@link SlackSignature.Generator} (Slack's own implementation) unless a test says otherwise.
 */
public final class SlackRequests {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI endpoint;
    private final String signingSecret;

    public SlackRequests(int port, String signingSecret) {
        this.endpoint = URI.create("http://127.0.0.1:" + port + "/slack/events");
        this.signingSecret = signingSecret;
    }

    /** @return the form fields of {@code /alfred <text>} from user {@code U1} in channel {@code C1}, fresh trigger id */
    public static Map<String, String> slashCommand(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", "legacy-token");
        fields.put("team_id", "T1");
        fields.put("team_domain", "acme");
        fields.put("channel_id", "C1");
        fields.put("channel_name", "ops");
        fields.put("user_id", "U1");
        fields.put("user_name", "ada");
        fields.put("command", "/alfred");
        fields.put("text", text);
        fields.put("api_app_id", "A1");
        fields.put("trigger_id", "1337." + UUID.randomUUID());
        fields.put("response_url", "https://hooks.slack.invalid/commands/T1/1/x");
        return fields;
    }

    /** Sends a signed slash command. */
    public HttpResponse<String> command(String text) throws IOException, InterruptedException {
        return form(slashCommand(text));
    }

    /** Sends signed form fields. */
    public HttpResponse<String> form(Map<String, String> fields) throws IOException, InterruptedException {
        return send("application/x-www-form-urlencoded", encode(fields), Instant.now(), signingSecret);
    }

    /** Sends a signed JSON body. */
    public HttpResponse<String> json(String body) throws IOException, InterruptedException {
        return send("application/json", body, Instant.now(), signingSecret);
    }

    /**
     * Sends a body signed with {@code secret} at {@code signedAt} (null secret: no signature headers at all).
     */
    public HttpResponse<String> send(String contentType, String body, Instant signedAt, String secret)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (secret != null) {
            String timestamp = String.valueOf(signedAt.getEpochSecond());
            request.header("X-Slack-Request-Timestamp", timestamp)
                    .header("X-Slack-Signature", new SlackSignature.Generator(secret).generate(timestamp, body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** @return the fields URL-encoded as Slack sends them */
    public static String encode(Map<String, String> fields) {
        return dev.alfred.bot.demo.SlackUser.form(fields);
    }
}
