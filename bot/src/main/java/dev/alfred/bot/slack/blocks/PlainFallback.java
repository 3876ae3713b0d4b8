package dev.alfred.bot.slack.blocks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The plain-text equivalent of a Block Kit message, posted when Slack refuses the blocks ({@code invalid_blocks},
 * {@code msg_too_long}, …) so that the message is never dropped: every text of the blocks in order, and each button
 * with its {@code action_id} and {@code value}, within {@link SlackText#MAX_MESSAGE_CHARS}.
 */
public final class PlainFallback {
    /** Slack's errors for a message whose blocks or text it will not take as they are. */
    public static final Set<String> REFUSED_CONTENT = Set.of("invalid_blocks", "invalid_blocks_format",
            "msg_too_long", "msg_blocks_too_long", "too_many_attachments", "invalid_attachments");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlainFallback() {
    }

    /**
     * @param text       the message's own {@code text}, used when the blocks carry none
     * @param blocksJson its blocks as JSON, may be null or not JSON
     * @param error      Slack's error, named in the first line
     * @return the plain text to post instead, at most {@link SlackText#MAX_MESSAGE_CHARS} characters
     */
    public static String of(String text, String blocksJson, String error) {
        List<String> lines = new ArrayList<>();
        List<String> buttons = new ArrayList<>();
        try {
            JsonNode blocks = blocksJson == null ? null : JSON.readTree(blocksJson);
            if (blocks != null) {
                blocks.forEach(block -> collect(block, lines, buttons));
            }
        } catch (IOException e) {
            lines.clear();
        }
        if (lines.isEmpty()) {
            lines.add(text == null ? "" : text);
        }
        if (!buttons.isEmpty()) {
            lines.add("Buttons: " + String.join(", ", buttons));
        }
        String body = "_(shown as plain text: Slack refused the formatted message, " + error + ")_\n"
                + String.join("\n", lines);
        return BlockKitLimits.cut(body, SlackText.MAX_MESSAGE_CHARS);
    }

    private static void collect(JsonNode block, List<String> lines, List<String> buttons) {
        addText(block.path("text"), lines);
        block.path("fields").forEach(field -> addText(field, lines));
        for (JsonNode element : block.path("elements")) {
            if (element.has("action_id")) {
                buttons.add(element.path("text").path("text").asText("?") + " (`" + element.path("action_id").asText()
                        + "` `" + element.path("value").asText("") + "`)");
            } else {
                addText(element, lines);
            }
        }
    }

    private static void addText(JsonNode textObject, List<String> lines) {
        if (textObject.path("text").isTextual() && !textObject.path("text").asText().isBlank()) {
            lines.add(textObject.path("text").asText());
        }
    }
}
