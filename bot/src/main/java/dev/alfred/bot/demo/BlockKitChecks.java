package dev.alfred.bot.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.bot.slack.blocks.BlockKitLimits;
import java.io.IOException;
import java.util.Map;

/**
 * Refuses messages as Slack does when they break its limits ({@link BlockKitLimits}, from Slack's Block Kit
 * reference): {@code msg_too_long} for a {@code text} over 40,000 characters, {@code invalid_blocks} for blocks
 * that are not JSON or exceed a limit. So tests and the demo see what a real workspace would answer.
 */
final class BlockKitChecks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BlockKitChecks() {
    }

    /** @return Slack's error for this {@code chat.postMessage} or {@code chat.update}, or null when it is fine */
    static String refusal(String method, Map<String, String> args) {
        if (!method.equals("chat.postMessage") && !method.equals("chat.update")) {
            return null;
        }
        String text = args.get("text");
        if (text != null && text.length() > BlockKitLimits.MESSAGE_TEXT) {
            return "msg_too_long";
        }
        String blocks = args.get("blocks");
        if (blocks == null || blocks.isBlank()) {
            return null;
        }
        try {
            JsonNode tree = JSON.readTree(blocks);
            return tree.isArray() && tree.size() <= BlockKitLimits.BLOCKS_PER_MESSAGE && allFit(tree)
                    ? null : "invalid_blocks";
        } catch (IOException e) {
            return "invalid_blocks";
        }
    }

    private static boolean allFit(JsonNode blocks) {
        for (JsonNode block : blocks) {
            boolean fits = switch (block.path("type").asText()) {
                case "section" -> within(block.path("text"), BlockKitLimits.SECTION_TEXT)
                        && block.path("fields").size() <= BlockKitLimits.SECTION_FIELDS;
                case "header" -> within(block.path("text"), BlockKitLimits.HEADER_TEXT);
                case "context" -> block.path("elements").size() <= BlockKitLimits.CONTEXT_ELEMENTS;
                case "actions" -> block.path("elements").size() <= BlockKitLimits.ACTIONS_ELEMENTS
                        && buttonsFit(block.path("elements"));
                default -> true;
            };
            if (!fits) {
                return false;
            }
        }
        return true;
    }

    private static boolean buttonsFit(JsonNode elements) {
        for (JsonNode button : elements) {
            if (!within(button.path("text"), BlockKitLimits.BUTTON_TEXT)
                    || button.path("value").asText("").length() > BlockKitLimits.BUTTON_VALUE) {
                return false;
            }
        }
        return true;
    }

    private static boolean within(JsonNode textObject, int limit) {
        return textObject.path("text").asText("").length() <= limit;
    }
}
