package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.SlackRequests;
import dev.alfred.bot.support.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests refused before any handler runs: bad or missing signatures, stale timestamps either way, oversized and
 * malformed bodies. None of them writes a run or calls Slack. Also the answers that need no run: help, unknown
 * sub-commands, an empty task and {@code url_verification}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackRequestRefusalIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORM = "application/x-www-form-urlencoded";

    AlfredTestApp app;

    @BeforeAll
    void startAlfred() throws Exception {
        app = AlfredTestApp.start(TestDatabase.h2(), Map.of());
    }

    @AfterAll
    void stopAlfred() {
        app.close();
    }

    @Test
    void wrongSigningSecretIsRefusedWith401AndRecordsNothing() throws Exception {
        String body = SlackRequests.encode(SlackRequests.slashCommand("task should never run"));

        HttpResponse<String> response = app.requests.send(FORM, body, Instant.now(), "not-the-secret");

        assertThat(response.statusCode()).isEqualTo(401);
        assertNothingRecordedOrPosted();
    }

    @Test
    void missingSignatureIsRefusedWith401() throws Exception {
        String body = SlackRequests.encode(SlackRequests.slashCommand("task should never run"));

        assertThat(app.requests.send(FORM, body, Instant.now(), null).statusCode()).isEqualTo(401);
        assertNothingRecordedOrPosted();
    }

    @ParameterizedTest(name = "signed {0} s from now")
    @ValueSource(longs = {-360, 360, -86_400})
    void timestampMoreThanFiveMinutesOffEitherWayIsRefused(long offsetSeconds) throws Exception {
        String body = SlackRequests.encode(SlackRequests.slashCommand("task replayed"));
        Instant signedAt = Instant.now().plus(Duration.ofSeconds(offsetSeconds));

        HttpResponse<String> response = app.requests.send(FORM, body, signedAt, AlfredTestApp.SIGNING_SECRET);

        assertThat(response.statusCode()).isEqualTo(401);
        assertNothingRecordedOrPosted();
    }

    @Test
    void bodyOverOneMebibyteIsRefusedWith413() throws Exception {
        String body = SlackRequests.encode(SlackRequests.slashCommand("task " + "x".repeat(1 << 20)));

        HttpResponse<String> response = app.requests.send(FORM, body, Instant.now(), AlfredTestApp.SIGNING_SECRET);

        assertThat(response.statusCode()).isEqualTo(413);
        assertNothingRecordedOrPosted();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{not json", "[1,2,3]", "{\"no\":\"type\"}"})
    void malformedJsonBodyIsRefusedWith400(String body) throws Exception {
        HttpResponse<String> response = app.requests.json(body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertNothingRecordedOrPosted();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"payload=%7Bbroken", "payload=%5B%5D", "hello=world", "%%%"})
    void malformedFormBodyIsRefusedWith400(String body) throws Exception {
        HttpResponse<String> response = app.requests.send(FORM, body, Instant.now(), AlfredTestApp.SIGNING_SECRET);

        assertThat(response.statusCode()).isEqualTo(400);
        assertNothingRecordedOrPosted();
    }

    @Test
    void urlVerificationEchoesTheChallenge() throws Exception {
        HttpResponse<String> response = app.requests.json(
                "{\"token\":\"t\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
                        + "\"type\":\"url_verification\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    @ParameterizedTest(name = "/alfred {0}")
    @ValueSource(strings = {"help", "", "frobnicate now"})
    void helpAndUnknownSubCommandsShowHelp(String text) throws Exception {
        String reply = ackText(app.requests.command(text));

        assertThat(reply).contains("/alfred task", "/alfred status", "/alfred help");
        if (text.startsWith("frobnicate")) {
            assertThat(reply).startsWith("I don't know `frobnicate`");
        }
        assertNothingRecordedOrPosted();
    }

    @Test
    void taskWithoutTextExplainsHowToGiveOne() throws Exception {
        assertThat(ackText(app.requests.command("task"))).contains("Tell me what to do");
        assertNothingRecordedOrPosted();
    }

    private String ackText(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("text").asText();
    }

    private void assertNothingRecordedOrPosted() {
        assertThat(app.runs()).isEmpty();
        assertThat(app.slack.calls("chat.postMessage")).isEmpty();
    }
}
