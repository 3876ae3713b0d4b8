package dev.alfred.bot.slack.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainFallbackTest {

    @Test
    void theFallbackKeepsEveryTextAndEachButtonsIdAndValue() {
        String blocks = "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"wants to call `x`\"}},"
                + "{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":\"Approvers: you\"}]},"
                + "{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"action_id\":\"approval.approve\","
                + "\"value\":\"a1\",\"text\":{\"type\":\"plain_text\",\"text\":\"Approve\"}}]}]";

        assertThat(PlainFallback.of("card", blocks, "invalid_blocks")).isEqualTo("_(shown as plain text: Slack "
                + "refused the formatted message, invalid_blocks)_\nwants to call `x`\nApprovers: you\n"
                + "Buttons: Approve (`approval.approve` `a1`)");
    }

    @Test
    void withoutUsableBlocksTheTextStandsAndTheResultFitsOneMessage() {
        assertThat(PlainFallback.of("hello", "not json", "msg_too_long")).endsWith("msg_too_long)_\nhello");
        assertThat(PlainFallback.of("x".repeat(50_000), null, "msg_too_long"))
                .hasSizeLessThanOrEqualTo(SlackText.MAX_MESSAGE_CHARS);
    }
}
