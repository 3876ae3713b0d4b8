package dev.alfred.bot.slack.http;

import dev.alfred.bot.config.SlackSettings;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Slack's request signature as "Verifying requests from Slack" describes: {@code v0=} + hex HMAC-SHA256 of
 * {@code v0:<X-Slack-Request-Timestamp>:<raw body>} with the signing secret. Differs from Bolt's own check in two
 * ways: the timestamp may be at most {@link SlackSettings#getMaxClockSkew()} off in <em>either</em> direction, and
 * the HMAC is taken over the raw body bytes, so the platform charset cannot break non-ASCII bodies. The comparison
 * is constant-time. Nothing here logs the body or the signature.
 */
@Singleton
public class SlackRequestVerifier {
    private final byte[] secret;
    private final Duration maxSkew;
    private final Clock clock;

    public SlackRequestVerifier(SlackSettings settings, Clock clock) {
        String signingSecret = settings.getSigningSecret();
        this.secret = signingSecret == null ? null : signingSecret.getBytes(StandardCharsets.UTF_8);
        this.maxSkew = settings.getMaxClockSkew();
        this.clock = clock;
    }

    /**
     * @param timestamp the {@code X-Slack-Request-Timestamp} header (seconds since the epoch), may be null
     * @param signature the {@code X-Slack-Signature} header, may be null
     * @param body      the raw request body
     * @return whether the request is from Slack and fresh; false when no signing secret is configured
     */
    public boolean verify(String timestamp, String signature, byte[] body) {
        if (secret == null || timestamp == null || signature == null || !signature.startsWith("v0=")) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
        if (skew.compareTo(maxSkew) > 0) {
            return false;
        }
        byte[] expected = ("v0=" + HexFormat.of().formatHex(hmac(timestamp.trim(), body)))
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] hmac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
