package dev.alfred.bot.slack.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import dev.alfred.bot.config.SlackSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackRequestVerifierTest {
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final String BODY = "command=%2Falfred&text=task+caf%C3%A9+%E2%98%95&trigger_id=1.2";

    private final SlackRequestVerifier verifier = verifier(SECRET);

    private static SlackRequestVerifier verifier(String secret) {
        SlackSettings settings = new SlackSettings();
        settings.setSigningSecret(secret);
        return new SlackRequestVerifier(settings, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String sign(long timestamp, String body) {
        return new SlackSignature.Generator(SECRET).generate(String.valueOf(timestamp), body);
    }

    @Test
    void acceptsWhatSlacksOwnGeneratorSigns() {
        long ts = NOW.getEpochSecond();

        assertThat(verifier.verify(String.valueOf(ts), sign(ts, BODY), BODY.getBytes(StandardCharsets.UTF_8)))
                .isTrue();
    }

    @Test
    void acceptsNonAsciiBodiesByTheirUtf8Bytes() {
        String body = "{\"type\":\"event_callback\",\"text\":\"café ☕ Zoë\"}";
        long ts = NOW.getEpochSecond();

        assertThat(verifier.verify(String.valueOf(ts), sign(ts, body), body.getBytes(StandardCharsets.UTF_8)))
                .isTrue();
    }

    @ParameterizedTest(name = "{0} s off")
    @CsvSource({"-301", "301", "-100000", "100000"})
    void refusesTimestampsMoreThanFiveMinutesOffEitherWay(long offset) {
        long ts = NOW.getEpochSecond() + offset;

        assertThat(verifier.verify(String.valueOf(ts), sign(ts, BODY), BODY.getBytes(StandardCharsets.UTF_8)))
                .isFalse();
    }

    @ParameterizedTest(name = "{0} s off")
    @CsvSource({"-300", "300", "0"})
    void acceptsTimestampsWithinFiveMinutes(long offset) {
        long ts = NOW.getEpochSecond() + offset;

        assertThat(verifier.verify(String.valueOf(ts), sign(ts, BODY), BODY.getBytes(StandardCharsets.UTF_8)))
                .isTrue();
    }

    @Test
    void refusesATamperedBody() {
        long ts = NOW.getEpochSecond();

        assertThat(verifier.verify(String.valueOf(ts), sign(ts, BODY),
                (BODY + "&user_id=U999").getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @ParameterizedTest(name = "timestamp={0} signature={1}")
    @CsvSource(nullValues = "null", value = {
        "null, v0=abc", "1763719200, null", "not-a-number, v0=abc", "1763719200, v1=abc", "1763719200, v0=",
    })
    void refusesMissingOrMalformedHeaders(String timestamp, String signature) {
        assertThat(verifier.verify(timestamp, signature, BODY.getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void refusesEverythingWithoutASigningSecret() {
        long ts = NOW.getEpochSecond();

        assertThat(verifier(null).verify(String.valueOf(ts), sign(ts, BODY), BODY.getBytes(StandardCharsets.UTF_8)))
                .isFalse();
    }
}
