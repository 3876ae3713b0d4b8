package dev.alfred.bot.slack.blocks;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxBodiesTest {

    @Test
    void aMessageWithBlocksSurvivesTheOutboxAsTheSlackSdkWouldSendIt() throws Exception {
        ThreadMessage message = new ThreadMessage("fallback <text> ✓", List.of(section(s -> s.text(markdownText(
                "*bold* & <@U1>")))));

        OutboxBodies.Decoded decoded = OutboxBodies.decode(OutboxBodies.encode(message));

        assertThat(decoded.text()).isEqualTo("fallback <text> ✓");
        assertThat(new ObjectMapper().readTree(decoded.blocksJson()).get(0).path("text").path("text").asText())
                .isEqualTo("*bold* & <@U1>");
        assertThat(new ObjectMapper().readTree(decoded.blocksJson()).get(0).path("type").asText())
                .isEqualTo("section");
    }

    @Test
    void aTextOnlyMessageHasNoBlocks() {
        OutboxBodies.Decoded decoded = OutboxBodies.decode(OutboxBodies.encode(new ThreadMessage("plain",
                List.of())));

        assertThat(decoded.text()).isEqualTo("plain");
        assertThat(decoded.blocksJson()).isNull();
    }
}
