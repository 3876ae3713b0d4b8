package dev.alfred.bot.slack.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StreamedAnswersTest {

    @Test
    void chunksJoinBackToTheMessageExactlyAndEndAfterWhiteSpace() {
        String message = "alpha beta\ngamma ".repeat(200) + "omega";

        List<String> chunks = StreamedAnswers.chunks(message, 100);

        assertThat(String.join("", chunks)).isEqualTo(message);
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.length()).isLessThanOrEqualTo(100));
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(chunk -> assertThat(chunk).matches("(?s).*\\s"));
    }

    @Test
    void aChunkWithoutWhiteSpaceIsNeverCutInsideAnEntity() {
        String message = "x".repeat(97) + "&amp;" + "y".repeat(50);

        List<String> chunks = StreamedAnswers.chunks(message, 100);

        assertThat(chunks.get(0)).isEqualTo("x".repeat(97));
        assertThat(chunks.get(1)).startsWith("&amp;");
        assertThat(String.join("", chunks)).isEqualTo(message);
    }

    @Test
    void answersAreEscapedAndSplitIntoMessagesSlackTakes() {
        List<String> messages = StreamedAnswers.messages("<!channel> " + "word ".repeat(2_000));

        assertThat(messages.get(0)).startsWith("&lt;!channel&gt; word");
        assertThat(messages).hasSizeGreaterThan(1)
                .allSatisfy(message -> assertThat(message.length()).isLessThanOrEqualTo(SlackText.MAX_MESSAGE_CHARS));
    }

    @Test
    void opsSurviveTheOutboxAndPlainMessagesAreNotOps() {
        assertThat(OutboxOps.decode(OutboxOps.encode(new OutboxOps.Stream("**hi** &amp; bye"))))
                .contains(new OutboxOps.Stream("**hi** &amp; bye"));
        assertThat(OutboxOps.decode(OutboxOps.encode(new OutboxOps.AssistantStatus("is thinking…"))))
                .contains(new OutboxOps.AssistantStatus("is thinking…"));
        assertThat(OutboxOps.decode(OutboxBodies.encode(new ThreadMessage("plain", List.of())))).isEmpty();
    }

    @Test
    void anAssistantThreadIsTitledByTheTasksFirstLineAndSaysWhatItDoes() {
        assertThat(AssistantStatuses.title("  Is payments healthy?\nThanks")).isEqualTo("Is payments healthy?");
        assertThat(AssistantStatuses.title("a".repeat(200))).hasSize(AssistantStatuses.TITLE_CHARS).endsWith("…");
        assertThat(AssistantStatuses.status("calling http_get")).isEqualTo("is calling http_get…");
    }
}
