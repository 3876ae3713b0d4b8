package dev.alfred.bot.slack.blocks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.Gson;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The body of a Slack outbox message: {@code {"text": "…", "blocks": "<Block Kit JSON array>"}} ({@code blocks}
 * absent for a text-only message). Blocks are serialised with the Slack SDK's own Gson settings, so what is
 * delivered later is exactly what the SDK would have sent at once, and brought within Slack's limits
 * ({@link BlockKitLimits#fit}).
 */
public final class OutboxBodies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Gson SLACK_JSON = GsonFactory.createSnakeCase();

    private OutboxBodies() {
    }

    /** @return the body for {@code message} */
    public static String encode(ThreadMessage message) {
        ObjectNode body = JSON.createObjectNode().put("text", BlockKitLimits.cut(message.text(),
                BlockKitLimits.MESSAGE_TEXT));
        if (!message.blocks().isEmpty()) {
            body.put("blocks", BlockKitLimits.fit(SLACK_JSON.toJson(message.blocks())));
        }
        return body.toString();
    }

    /**
     * @return the decoded body
     * @throws UncheckedIOException when {@code body} is not such a JSON object
     */
    public static Decoded decode(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return new Decoded(node.path("text").asText(""), node.hasNonNull("blocks")
                    ? node.get("blocks").asText() : null);
        } catch (IOException e) {
            throw new UncheckedIOException("not an outbox body", e);
        }
    }

    /**
     * A decoded body.
     *
     * @param blocksJson the Block Kit JSON array, or null
     */
    public record Decoded(String text, String blocksJson) {
    }
}
