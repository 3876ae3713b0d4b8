package dev.alfred.agents.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tests that let {@link Redaction} skip a shape's regex never skip a match: on texts built from pieces of every
 * shape (in all cases, with Unicode letters that case-fold to ASCII ones, with separators), redaction gives what
 * running every regex on every text gives, the way it worked before the fast path.
 */
class RedactionFastPathTest {
    /** The shapes as they were, run unconditionally: the reference. */
    private static final List<Pattern> EVERY_SHAPE = List.of(
            Pattern.compile("\\b((?:xox[a-z]|xapp)[.-])[A-Za-z0-9.-]+"),
            Pattern.compile("\\b(sk-(?:ant-|proj-)?)[A-Za-z0-9_-]{8,}"),
            Pattern.compile("\\b(gh[pousr]_)[A-Za-z0-9]{16,}"),
            Pattern.compile("\\b(github_pat_)[A-Za-z0-9_]{16,}"),
            Pattern.compile("(?i)\\b(bearer\\s+)[A-Za-z0-9._~+/-]{8,}=*"),
            Pattern.compile("(?i)\\b((?:password|passwd|pwd|secret|client[_-]?secret|token|access[_-]?token"
                    + "|api[_-]?key)[\"']?\\s*[=:]\\s*[\"']?)[^\\s&;,\"'}]+"));
    private static final String[] PIECES = {"xoxb-", "xoxe.", "xapp-", "xox", "sk-", "sk-ant-", "sk-proj-", "ghp_",
        "gho_", "gh", "_", "github_pat_", "Bearer ", "bEaReR\t", "password", "PASSWD", "Pwd", "secret",
        "client_secret", "Client-Secret", "token", "TOKEN", "access_token", "api_key", "ApiKey", "api-KEY", "=", ":",
        " = ", "\"", "'", "abcdefgh", "0123456789ABCDEFGHIJ", "\u212A", "\u017F", "\u0130", "\u00DF", " ", "&", ";",
        ",", "}", "{", "\n", "é", "tok", "en", "pa", "ss", "be", "arer", "se", "cret", "a", "p", "i"};

    @Test
    void skippingShapesThatCannotMatchChangesNoResult() {
        Random random = new Random(22);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int piece = random.nextInt(9); piece >= 0; piece--) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String original = text.toString();
            assertThat(Redaction.redact(original)).as(original).isEqualTo(everyShape(original));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a PASSWORD=hunter2hunter and more        | a PASSWORD=**** and more
            ApI-kEy: 'abcdef123'                    | ApI-kEy: '****'
            BEARER abcdefgh.ijkl                    | BEARER ****
            Client_Secret="x1y2z3"                  | Client_Secret="****"
            """)
    void aShapeIsFoundInAnyCaseItsRegexIgnores(String text, String expected) {
        assertThat(Redaction.redact(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            tokens: 42 prompt + 7 completion | token | true
            Risk tier: read.                 | api   | false
            step 3 of run k3v9x2qa           | pass  | false
            bypass                           | pass  | true
            """)
    void theCaseIgnoringScanFindsWordsAnywhere(String text, String needle, boolean found) {
        assertThat(Redaction.containsIgnoringAsciiCase(text, needle)).isEqualTo(found);
    }

    private static String everyShape(String text) {
        String redacted = text;
        for (Pattern shape : EVERY_SHAPE) {
            redacted = shape.matcher(redacted).replaceAll("$1" + Redaction.MASK);
        }
        return redacted;
    }
}
