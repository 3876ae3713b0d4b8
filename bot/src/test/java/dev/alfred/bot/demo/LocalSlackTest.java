package dev.alfred.bot.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Slack stand-in's {@code conversations.replies}, {@code apps.connections.open} and per-channel posting limit,
 * spoken to over HTTP in the Web API's form encoding.
 */
class LocalSlackTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private LocalSlack slack;

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void conversationsRepliesAnswersFromTheMessagesSeenInTheThreadOldestFirst() throws Exception {
        slack = LocalSlack.start();
        String root = call("chat.postMessage", Map.of("channel", "C1", "text", "task opened")).path("ts").asText();
        String reply = call("chat.postMessage", Map.of("channel", "C1", "thread_ts", root, "text", "step 1"))
                .path("ts").asText();
        String person = slack.personPosted("C1", root, "U2", "use eu-west-1");
        call("chat.update", Map.of("channel", "C1", "ts", reply, "text", "step 1 done"));
        call("chat.postMessage", Map.of("channel", "C1", "text", "another task"));
        call("chat.postMessage", Map.of("channel", "C2", "thread_ts", root, "text", "same ts, other channel"));

        JsonNode answer = call("conversations.replies", Map.of("channel", "C1", "ts", root));

        assertThat(answer.path("ok").asBoolean()).isTrue();
        assertThat(answer.path("has_more").asBoolean()).isFalse();
        assertThat(answer.path("response_metadata").path("next_cursor").asText()).isEmpty();
        assertThat(answer.path("messages")).hasSize(3);
        assertThat(answer.path("messages").get(0).toString()).isEqualTo("{\"type\":\"message\",\"user\":\"UALFRED\","
                + "\"bot_id\":\"BALFRED\",\"text\":\"task opened\",\"ts\":\"" + root + "\",\"thread_ts\":\"" + root
                + "\"}");
        assertThat(answer.path("messages").get(1).path("text").asText()).isEqualTo("step 1 done");
        assertThat(answer.path("messages").get(2).toString()).isEqualTo("{\"type\":\"message\",\"user\":\"U2\","
                + "\"text\":\"use eu-west-1\",\"ts\":\"" + person + "\",\"thread_ts\":\"" + root + "\"}");
        assertThat(slack.calls("conversations.replies")).hasSize(1);
    }

    @Test
    void conversationsRepliesPagesWithLimitAndCursorAndRefusesUnknownThreads() throws Exception {
        slack = LocalSlack.start();
        String root = call("chat.postMessage", Map.of("channel", "C1", "text", "root")).path("ts").asText();
        for (int i = 1; i <= 4; i++) {
            call("chat.postMessage", Map.of("channel", "C1", "thread_ts", root, "text", "reply " + i));
        }

        JsonNode first = call("conversations.replies", Map.of("channel", "C1", "ts", root, "limit", "3"));
        JsonNode second = call("conversations.replies", Map.of("channel", "C1", "ts", root, "limit", "3",
                "cursor", first.path("response_metadata").path("next_cursor").asText()));
        JsonNode unknown = call("conversations.replies", Map.of("channel", "C1", "ts", "1.000001"));

        assertThat(first.path("messages").findValuesAsText("text")).containsExactly("root", "reply 1", "reply 2");
        assertThat(first.path("has_more").asBoolean()).isTrue();
        assertThat(second.path("messages").findValuesAsText("text")).containsExactly("reply 3", "reply 4");
        assertThat(second.path("has_more").asBoolean()).isFalse();
        assertThat(unknown.toString()).isEqualTo("{\"ok\":false,\"error\":\"thread_not_found\"}");
    }

    @Test
    void appsConnectionsOpenAnswersAFreshSocketModeUrlOnceUrlsAreSet() throws Exception {
        slack = LocalSlack.start();
        assertThat(call("apps.connections.open", Map.of()).toString())
                .isEqualTo("{\"ok\":false,\"error\":\"unknown_method\"}");
        java.util.concurrent.atomic.AtomicInteger ticket = new java.util.concurrent.atomic.AtomicInteger();
        slack.socketModeUrls(() -> "ws://127.0.0.1:9/link/?ticket=" + ticket.incrementAndGet());

        assertThat(call("apps.connections.open", Map.of()).toString())
                .isEqualTo("{\"ok\":true,\"url\":\"ws://127.0.0.1:9/link/?ticket=1\"}");
        assertThat(call("apps.connections.open", Map.of()).path("url").asText()).endsWith("ticket=2");
    }

    @Test
    void postsOverAChannelsRateAreAnswered429WithRetryAfterWhileOtherChannelsPost() throws Exception {
        slack = LocalSlack.start();
        slack.limitPostsPerChannel(1, 2);

        assertThat(post("C1").statusCode()).isEqualTo(200);
        assertThat(post("C1").statusCode()).isEqualTo(200);
        HttpResponse<String> third = post("C1");

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(post("C2").statusCode()).isEqualTo(200);
        assertThat(call("chat.update", Map.of("channel", "C1", "ts", "1.1", "text", "updates are not held"))
                .path("ok").asBoolean()).isTrue();
        assertThat(slack.rejected()).extracting(LocalSlack.Rejected::status).containsExactly(429);
        assertThat(slack.calls("chat.postMessage")).hasSize(3);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(3))
                .pollInterval(java.time.Duration.ofMillis(100)).until(() -> post("C1").statusCode() == 200);
    }

    private HttpResponse<String> post(String channelId) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(slack.apiUrl() + "chat.postMessage"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("channel=" + channelId + "&text=hi")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode call(String method, Map<String, String> args) throws Exception {
        String form = new LinkedHashMap<>(args).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(slack.apiUrl() + method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer xoxb-test")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
