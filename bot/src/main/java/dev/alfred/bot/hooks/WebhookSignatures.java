package dev.alfred.bot.hooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signatures of the form {@code sha256=<hex HMAC-SHA256 of the raw body>}, as GitHub sends in
 * {@code X-Hub-Signature-256} ("Validating webhook deliveries" in GitHub's documentation) and Alfred's generic
 * triggers expect in {@code X-Alfred-Signature-256}. The comparison is constant-time over the whole header; the hex
 * digits may be in either case. Nothing here logs the body, the secret or the signature.
 */
public final class WebhookSignatures {
    /** The prefix of a SHA-256 signature; SHA-1 ({@code sha1=}) signatures are refused. */
    static final String PREFIX = "sha256=";

    private WebhookSignatures() {
    }

    /**
     * @param secret    the shared secret; null or blank refuses every request
     * @param signature the header's value, may be null
     * @param body      the raw request body
     * @return whether the signature is the body's HMAC-SHA256 under {@code secret}
     */
    public static boolean verify(String secret, String signature, byte[] body) {
        if (secret == null || secret.isBlank() || signature == null) {
            return false;
        }
        byte[] expected = sign(secret, body).getBytes(StandardCharsets.US_ASCII);
        String given = signature.strip();
        if (given.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            given = PREFIX + given.substring(PREFIX.length()).toLowerCase(java.util.Locale.ROOT);
        }
        return MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII));
    }

    /** @return {@code sha256=} and the hex HMAC-SHA256 of {@code body} under {@code secret} */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
