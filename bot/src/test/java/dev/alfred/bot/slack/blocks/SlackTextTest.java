package dev.alfred.bot.slack.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackTextTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '^', value = {
        "<!channel> hi^&lt;!channel&gt; hi",
        "<@U123>^&lt;@U123&gt;",
        "a & b^a &amp; b",
        "<https://x.example|click>^&lt;https://x.example|click&gt;",
        "plain^plain",
    })
    void escapeNeutralisesMentionsAndLinks(String raw, String escaped) {
        assertThat(SlackText.escape(raw)).isEqualTo(escaped);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '~', value = {
        "approve: <@U123> and <!subteam^S0SRE>~approve: <@U123> and <!subteam^S0SRE>",
        "in <#C0OPS>~in <#C0OPS>",
        "<!channel> <!here> <@U1|x>~&lt;!channel&gt; &lt;!here&gt; &lt;@U1|x&gt;",
        "<https://x.example|click> & <@u1>~&lt;https://x.example|click&gt; &amp; &lt;@u1&gt;",
    })
    void escapeKeepingMentionsKeepsOnlyWellFormedReferences(String raw, String escaped) {
        assertThat(SlackText.escapeKeepingMentions(raw)).isEqualTo(escaped);
    }

    @Test
    void escapeOfNullIsEmpty() {
        assertThat(SlackText.escape(null)).isEmpty();
    }

    @Test
    void shortTextIsOneChunk() {
        assertThat(SlackText.split("hello", 100)).containsExactly("hello");
    }

    @Test
    void splitPrefersNewlinesAndKeepsEveryWord() {
        String text = "first line\n" + "x".repeat(30) + "\nthird";

        List<String> chunks = SlackText.split(text, 45);

        assertThat(chunks).containsExactly("first line\n" + "x".repeat(30), "third");
    }

    @Test
    void splitNeverExceedsTheLimitAndLosesNothing() {
        String text = "word ".repeat(1_000);

        List<String> chunks = SlackText.split(text, 100);

        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.length()).isLessThanOrEqualTo(100));
        assertThat(String.join(" ", chunks).split("word", -1)).hasSize(1_001);
    }

    @Test
    void splitDoesNotCutAnEscapeInHalf() {
        String text = "y".repeat(18) + "&amp;" + "z".repeat(20);

        List<String> chunks = SlackText.split(text, 20);

        assertThat(chunks.get(0)).isEqualTo("y".repeat(18));
        assertThat(chunks.get(1)).startsWith("&amp;");
    }
}
