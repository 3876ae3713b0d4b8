package dev.alfred.bot.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code sha256=} webhook signatures, checked against the example in GitHub's "Validating webhook deliveries". */
class WebhookSignaturesTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String GITHUB_EXAMPLE =
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void signsAsGitHubDocumentsIt() {
        assertThat(WebhookSignatures.sign(SECRET, BODY)).isEqualTo(GITHUB_EXAMPLE);
        assertThat(WebhookSignatures.verify(SECRET, GITHUB_EXAMPLE, BODY)).isTrue();
        assertThat(WebhookSignatures.verify(SECRET, GITHUB_EXAMPLE.toUpperCase().replace("SHA256=", "sha256="), BODY))
                .isTrue();
    }

    @ParameterizedTest(name = "[{0}] is refused")
    @CsvSource(nullValues = "-", value = {
            "-",
            "''",
            "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
            "sha1=01a7d6a4e0a2ed3d2d3e0b8d3b1fbd4a6c4f3b2a",
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18",
            "sha256=757107ea",
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17 trailing"})
    void refusesMissingSha1OnlyTruncatedOrWrongSignatures(String signature) {
        assertThat(WebhookSignatures.verify(SECRET, signature, BODY)).isFalse();
    }

    @Test
    void refusesEverythingWithoutASecretOrWithAnotherOneOrAnotherBody() {
        assertThat(WebhookSignatures.verify(null, GITHUB_EXAMPLE, BODY)).isFalse();
        assertThat(WebhookSignatures.verify(" ", GITHUB_EXAMPLE, BODY)).isFalse();
        assertThat(WebhookSignatures.verify("another secret", GITHUB_EXAMPLE, BODY)).isFalse();
        assertThat(WebhookSignatures.verify(SECRET, GITHUB_EXAMPLE, "Hello, World?".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
    }
}
