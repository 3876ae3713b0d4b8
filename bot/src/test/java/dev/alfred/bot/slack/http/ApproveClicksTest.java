package dev.alfred.bot.slack.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alfred.bot.slack.blocks.ApprovalCards;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What {@link ApproveClicks} leaves to Bolt: anything but a {@code block_actions} payload whose one action is Approve.
 * (An Approve click itself is decided through the whole application in {@code ApprovalFlowIT}, over HTTP, and in
 * {@code SocketModeIT} through Bolt.)
 */
class ApproveClicksTest {
    private static final String FORM = "application/x-www-form-urlencoded";
    /** No handler: a request it took for an Approve click would fail here. */
    private final ApproveClicks clicks = new ApproveClicks(null);

    @Test
    void slashCommandsEventsAndOtherButtonsGoToBolt() {
        assertThat(clicks.decided(FORM, "command=%2Falfred&text=task+x")).isFalse();
        assertThat(clicks.decided("application/json", "{\"type\":\"event_callback\",\"event\":{\"text\":\""
                + ApprovalCards.APPROVE + "\"}}")).isFalse();
        assertThat(clicks.decided(FORM, payload(click(ApprovalCards.REJECT)))).isFalse();
        assertThat(clicks.decided(FORM, payload("{\"type\":\"view_submission\",\"user\":{\"id\":\"U1\"},\"note\":\""
                + ApprovalCards.APPROVE + "\"}"))).isFalse();
    }

    @Test
    void aClickWithSeveralActionsOrNoUserOrBrokenJsonGoesToBolt() {
        String two = "{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"},\"actions\":[" + action(ApprovalCards.APPROVE)
                + "," + action(ApprovalCards.APPROVE) + "]}";
        assertThat(clicks.decided(FORM, payload(two))).isFalse();
        assertThat(clicks.decided(FORM, payload("{\"type\":\"block_actions\",\"actions\":["
                + action(ApprovalCards.APPROVE) + "]}"))).isFalse();
        assertThat(clicks.decided(FORM, payload("{\"type\":\"block_actions\",\"actions\":[" + action(
                ApprovalCards.APPROVE) + "]"))).isFalse();
    }

    private static String click(String actionId) {
        return "{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"},\"actions\":[" + action(actionId) + "]}";
    }

    private static String action(String actionId) {
        return "{\"action_id\":\"" + actionId + "\",\"block_id\":\"b\",\"value\":\"act1\",\"type\":\"button\"}";
    }

    private static String payload(String json) {
        return "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }
}
