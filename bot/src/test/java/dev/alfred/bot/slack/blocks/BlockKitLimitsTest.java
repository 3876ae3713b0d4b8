package dev.alfred.bot.slack.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.approvals.StagedActionStatus;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.policies.Approvers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlockKitLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");
    /** Strings that lengthen when escaped, or tempt a cut into the middle of an escape or reference. */
    private static final List<String> HOSTILE = List.of("<", ">", "&", "<b>", "&amp;", "<@U1>", "<!channel>", "```",
            "\u202E", "😀", "\n", "*", "`", "\"", "\\", "a");

    @ParameterizedTest(name = "{0} × {1}")
    @CsvSource({"<script>x</script>, 1000", "&, 5000", "<@U1> , 800", "'```', 2000", "😀, 3000", "a, 10"})
    void theRootMessageOfAnyTaskFitsAfterEscaping(String piece, int times) throws Exception {
        ThreadMessage root = ThreadMessages.root(run(piece.repeat(times)));

        assertWithinLimits(OutboxBodies.encode(root));
        assertThat(root.text().length()).isLessThanOrEqualTo(ThreadMessages.TASK_PREVIEW_CHARS);
    }

    @Test
    void randomAndHostileTasksAndArgumentsAlwaysFit() throws Exception {
        Random random = new Random(24);
        for (int i = 0; i < 300; i++) {
            String text = hostile(random, random.nextInt(9_000));
            assertWithinLimits(OutboxBodies.encode(ThreadMessages.root(run(text))));
            String arguments = JSON.createObjectNode().put("body", text).put("url", hostile(random, 50)).toString();
            StagedAction action = action(arguments, hostile(random, random.nextInt(2_000)));
            assertWithinLimits(OutboxBodies.encode(ApprovalCards.pending(run("t"), action, null, hostile(random, 400))));
            assertWithinLimits(OutboxBodies.encode(ApprovalCards.decided(run("t"), action)));
        }
    }

    @Test
    void aLongArgumentsCardIsCutAfterEscapingAndSaysHowMuchWasLeftOut() throws Exception {
        String arguments = JSON.createObjectNode().put("body", "<&>".repeat(3_000)).toString();

        String body = OutboxBodies.encode(ApprovalCards.pending(run("t"), action(arguments, null)));

        assertWithinLimits(body);
        String blocks = JSON.readTree(body).path("blocks").asText();
        assertThat(blocks).contains("more characters)").doesNotContain("&am\\n", "&l\\n", "&g\\n");
        assertThat(body.length()).isLessThan(arguments.length() * 5 / 3);
    }

    @Test
    void fitCutsEveryLimitedFieldAndCountsBlocksLeftOut() throws Exception {
        StringBuilder blocks = new StringBuilder("[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\""
                + "h".repeat(400) + "\"}}");
        for (int i = 0; i < 70; i++) {
            blocks.append(",{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"")
                    .append("&amp;".repeat(700)).append("\"}}");
        }
        blocks.append("]");

        JsonNode fitted = JSON.readTree(BlockKitLimits.fit(blocks.toString()));

        assertThat(fitted.size()).isEqualTo(BlockKitLimits.BLOCKS_PER_MESSAGE);
        assertThat(fitted.get(0).path("text").path("text").asText()).hasSize(BlockKitLimits.HEADER_TEXT - 4)
                .endsWith("… (cut)");
        assertThat(fitted.get(1).path("text").path("text").asText()).endsWith("&amp;… (cut)")
                .hasSizeLessThanOrEqualTo(BlockKitLimits.SECTION_TEXT);
        assertThat(fitted.get(49).path("elements").get(0).path("text").asText()).contains("22 more block(s)");
        assertThat(BlockKitLimits.fit("[{\"type\":\"divider\"}]")).isEqualTo("[{\"type\":\"divider\"}]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"```code and more text | ```", "<@U123456> tail | ''", "x &amp; y | ''"})
    void aCutNeverEndsInsideAnEscapeOrReferenceAndClosesACodeBlock(String text, String closing) {
        String cut = BlockKitLimits.cut(text + " " + "z".repeat(40), 24);

        assertThat(cut).hasSizeLessThanOrEqualTo(24 + 3).endsWith("… (cut)" + closing);
        assertThat(cut).doesNotContainPattern("&[a-z]*…|<[^>]*…");
    }

    /** Asserts what Slack's Block Kit reference allows: blocks per message, section/header/context/button sizes. */
    static void assertWithinLimits(String outboxBody) throws Exception {
        JsonNode body = JSON.readTree(outboxBody);
        assertThat(body.path("text").asText().length()).isLessThanOrEqualTo(BlockKitLimits.MESSAGE_TEXT);
        if (!body.hasNonNull("blocks")) {
            return;
        }
        JsonNode blocks = JSON.readTree(body.path("blocks").asText());
        assertThat(blocks.size()).isLessThanOrEqualTo(BlockKitLimits.BLOCKS_PER_MESSAGE);
        for (JsonNode block : blocks) {
            switch (block.path("type").asText()) {
                case "section" -> assertThat(block.path("text").path("text").asText().length())
                        .isLessThanOrEqualTo(BlockKitLimits.SECTION_TEXT);
                case "header" -> assertThat(block.path("text").path("text").asText().length())
                        .isLessThanOrEqualTo(BlockKitLimits.HEADER_TEXT);
                case "context" -> assertThat(block.path("elements").size())
                        .isLessThanOrEqualTo(BlockKitLimits.CONTEXT_ELEMENTS);
                case "actions" -> block.path("elements").forEach(button -> assertThat(button.path("value").asText()
                        .length()).isLessThanOrEqualTo(BlockKitLimits.BUTTON_VALUE));
                default -> { }
            }
        }
    }

    private static String hostile(Random random, int pieces) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            text.append(HOSTILE.get(random.nextInt(HOSTILE.size())));
        }
        return text.toString();
    }

    private static Run run(String task) {
        return new Run("run1", "alfred", task, RunStatus.WAITING_FOR_APPROVAL, "T1", "C1", "1.1", null, "U1", 1, 30,
                null, null, null, null, T, T, T, null, java.math.BigDecimal.ZERO, null, java.math.BigDecimal.ZERO,
                null, null, null, null);
    }

    private static StagedAction action(String arguments, String rationale) {
        return new StagedAction("a1", "run1", 2, "call_1", "http_request", arguments, null, "0123456789abcdef", "write",
                "rule", rationale, "U1", StagedActionStatus.PENDING, null, null, null, null, null, T,
                T.plusSeconds(3600), null, StagedAction.approversJson(Approvers.requesterOnly()), null, null, null,
                null);
    }
}
