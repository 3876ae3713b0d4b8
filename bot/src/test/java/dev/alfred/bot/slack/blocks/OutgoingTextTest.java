package dev.alfred.bot.slack.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alfred.bot.logging.Redaction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OutgoingTextTest {

    @ParameterizedTest(name = "U+{0} is replaced by U+FFFD")
    @CsvSource({"061C", "200E", "200F", "202A", "202B", "202C", "202D", "202E", "2066", "2067", "2068", "2069"})
    void everyBidirectionalControlBecomesAVisibleReplacementCharacter(String hex) {
        String control = Character.toString(Integer.parseInt(hex, 16));

        assertThat(OutgoingText.neutralise("a" + control + "b")).isEqualTo("a\uFFFDb");
    }

    @ParameterizedTest(name = "U+{0} is removed")
    @CsvSource({"200B", "2060", "2061", "2062", "2063", "2064", "FEFF", "180E", "00AD"})
    void invisibleCharactersAreRemoved(String hex) {
        assertThat(OutgoingText.neutralise("a" + Character.toString(Integer.parseInt(hex, 16)) + "b")).isEqualTo("ab");
    }

    @Test
    void joinersScriptsAndEmojiNeedAreKeptAndPlainTextIsUnchanged() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 می\u200Cخواهم";

        assertThat(OutgoingText.neutralise(family)).isEqualTo(family);
        assertThat(OutgoingText.neutralise("plain *mrkdwn* &lt;ok&gt;")).isEqualTo("plain *mrkdwn* &lt;ok&gt;");
        assertThat(OutgoingText.neutralise(null)).isNull();
    }

    @Test
    void cleaningAJsonDocumentChangesItsStringsOnlyAndKeepsItsShape() {
        Redaction.register("hunter2-very-secret");
        String blocks = "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"key hunter2-very-secret "
                + "\\\"quoted\\\" \u202Eevil\"}},{\"type\":\"divider\"}]";

        assertThat(OutgoingText.cleanJson(blocks)).isEqualTo("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\","
                + "\"text\":\"key **** \\\"quoted\\\" \uFFFDevil\"}},{\"type\":\"divider\"}]");
        assertThat(OutgoingText.cleanJson("not json xoxb-123-456-abc")).isEqualTo("not json xoxb-****");
        assertThat(OutgoingText.cleanJson(null)).isNull();
    }
}
