package dev.alfred.bot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            token xoxb-1234567890-0987654321-AbCdEfGhIjKl here | token xoxb-**** here
            xoxp-1111-2222-3333-abcdef                         | xoxp-****
            app token xapp-1-A0123-456789-abcdef0123           | app token xapp-****
            refresh xoxe.xoxp-1-Mi0yLTEyMzQ1                   | refresh xoxe.****
            rotating xoxe-1-abcdefghijkl                       | rotating xoxe-****
            key sk-proj-AbCdEf0123456789xyz!                   | key sk-proj-****!
            key sk-ant-api03-AbCdEf0123456789                  | key sk-ant-****
            key sk-0123456789abcdefABCDEF                      | key sk-****
            ghp_0123456789abcdefghijABCDEFGHIJ012345           | ghp_****
            github_pat_11ABCDEFG0123456789_abcdefghijklmnop    | github_pat_****
            Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig | Authorization: Bearer ****
            jdbc:postgresql://db/alfred?user=a&password=s3cr3t | jdbc:postgresql://db/alfred?user=a&password=****
            {"api_key":"abc123def456"}                         | {"api_key":"****"}
            """)
    void credentialsAreMaskedKeepingWhatKindTheyWere(String text, String expected) {
        assertThat(Redaction.redact(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            run k3v9x2qa step 3: 42 prompt + 7 completion tokens
            the sk-learn docs; task-runner; skip
            posted in C2 as ts 1700000000.000400 (idempotency key alfred-action-qvcqhkbv)
            basic auth as 'alfred'
            """)
    void ordinaryTextIsLeftAlone(String text) {
        assertThat(Redaction.redact(text)).isEqualTo(text);
    }

    @Test
    void aRegisteredSecretIsMaskedWhereverItAppearsButShortOnesAreNotRegistered() {
        Redaction.register("  correct-horse-battery-staple ");
        Redaction.register("abc");
        Redaction.register(null);

        assertThat(Redaction.redact("signing with correct-horse-battery-staple, ok; abc"))
                .isEqualTo("signing with ****, ok; abc");
        assertThat(Redaction.redact(null)).isNull();
    }
}
