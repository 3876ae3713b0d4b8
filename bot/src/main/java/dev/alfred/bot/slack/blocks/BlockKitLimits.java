package dev.alfred.bot.slack.blocks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Slack's Block Kit limits, and the cut that keeps a message within them by construction. Source: Slack's Block Kit
 * reference, https://docs.slack.dev/reference/block-kit/blocks (section, header, context, actions) and
 * https://docs.slack.dev/reference/block-kit/block-elements/button-element (button). A message over a limit is
 * refused whole with {@code invalid_blocks}, so every builder's output passes through {@link #fit} after its text
 * is escaped: escaping lengthens text ({@code <} becomes {@code &lt;}), so cutting before escaping is not enough.
 */
public final class BlockKitLimits {
    /** Blocks in one message. */
    public static final int BLOCKS_PER_MESSAGE = 50;
    /** Characters of a section block's {@code text}. */
    public static final int SECTION_TEXT = 3_000;
    /** Characters of each of a section's {@code fields}; at most {@value #SECTION_FIELDS} of them. */
    public static final int SECTION_FIELD_TEXT = 2_000;
    /** Fields in one section block. */
    public static final int SECTION_FIELDS = 10;
    /** Characters of a header block's plain text. */
    public static final int HEADER_TEXT = 150;
    /** Elements in one context block. */
    public static final int CONTEXT_ELEMENTS = 10;
    /** Elements in one actions block. */
    public static final int ACTIONS_ELEMENTS = 25;
    /** Characters of a button's text. */
    public static final int BUTTON_TEXT = 75;
    /** Characters of a button's {@code value}. */
    public static final int BUTTON_VALUE = 2_000;
    /** Characters of a confirmation dialog's text. */
    public static final int CONFIRM_TEXT = 300;
    /**
     * Characters of a message's top-level {@code text}: Slack truncates past 40,000 and answers {@code msg_too_long}
     * for longer (https://docs.slack.dev/reference/methods/chat.postMessage, "Truncating content").
     */
    public static final int MESSAGE_TEXT = 40_000;
    /** What ends a cut text. */
    static final String CUT = "… (cut)";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BlockKitLimits() {
    }

    /**
     * Cuts escaped mrkdwn or plain text to {@code limit} characters, the marker included: never inside an escape such
     * as {@code &amp;} or a reference such as {@code <@U1>}, and closing a code block the cut left open.
     *
     * @param limit at least 16
     * @return {@code text} when it fits, else its start and {@value #CUT}; null stays null
     */
    public static String cut(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        String kept = text.substring(0, Math.max(0, limit - CUT.length() - 4));
        int amp = kept.lastIndexOf('&');
        if (amp >= 0 && kept.indexOf(';', amp) < 0) {
            kept = kept.substring(0, amp);
        }
        int open = kept.lastIndexOf('<');
        if (open >= 0 && kept.indexOf('>', open) < 0) {
            kept = kept.substring(0, open);
        }
        if (Character.isHighSurrogate(kept.isEmpty() ? ' ' : kept.charAt(kept.length() - 1))) {
            kept = kept.substring(0, kept.length() - 1);
        }
        boolean fence = kept.split("```", -1).length % 2 == 0;
        return kept + CUT + (fence ? "```" : "");
    }

    /**
     * Brings a Block Kit JSON array within the limits above: texts cut as {@link #cut}, lists shortened, and past
     * {@value #BLOCKS_PER_MESSAGE} blocks the last kept one says how many were left out.
     *
     * @param blocksJson a JSON array of blocks, or null
     * @return the array within the limits (unchanged, up to formatting, when it was already); null stays null
     * @throws UncheckedIOException when {@code blocksJson} is not JSON
     */
    public static String fit(String blocksJson) {
        if (blocksJson == null) {
            return null;
        }
        try {
            JsonNode tree = JSON.readTree(blocksJson);
            if (!(tree instanceof ArrayNode blocks)) {
                return blocksJson;
            }
            int dropped = Math.max(0, blocks.size() - BLOCKS_PER_MESSAGE);
            while (blocks.size() > BLOCKS_PER_MESSAGE - (dropped > 0 ? 1 : 0)) {
                blocks.remove(blocks.size() - 1);
            }
            if (dropped > 0) {
                ObjectNode note = blocks.addObject().put("type", "context");
                note.putArray("elements").addObject().put("type", "mrkdwn")
                        .put("text", "… " + (dropped + 1) + " more block(s) left out: Slack shows at most "
                                + BLOCKS_PER_MESSAGE + " per message");
            }
            blocks.forEach(block -> fitBlock((ObjectNode) block));
            return JSON.writeValueAsString(blocks);
        } catch (IOException e) {
            throw new UncheckedIOException("not Block Kit JSON", e);
        }
    }

    private static void fitBlock(ObjectNode block) {
        switch (block.path("type").asText()) {
            case "section" -> {
                cutText(block.path("text"), SECTION_TEXT);
                shorten(block.path("fields"), SECTION_FIELDS);
                block.path("fields").forEach(field -> cutText(field, SECTION_FIELD_TEXT));
            }
            case "header" -> cutText(block.path("text"), HEADER_TEXT);
            case "context" -> {
                shorten(block.path("elements"), CONTEXT_ELEMENTS);
                block.path("elements").forEach(element -> cutText(element, SECTION_TEXT));
            }
            case "actions" -> {
                shorten(block.path("elements"), ACTIONS_ELEMENTS);
                block.path("elements").forEach(BlockKitLimits::fitButton);
            }
            default -> {
                // other blocks (divider, image…) carry no text Alfred writes
            }
        }
    }

    private static void fitButton(JsonNode element) {
        cutText(element.path("text"), BUTTON_TEXT);
        if (element.path("value").isTextual() && element.path("value").asText().length() > BUTTON_VALUE) {
            ((ObjectNode) element).put("value", element.path("value").asText().substring(0, BUTTON_VALUE));
        }
        cutText(element.path("confirm").path("text"), CONFIRM_TEXT);
    }

    private static void cutText(JsonNode textObject, int limit) {
        if (textObject instanceof ObjectNode object && object.path("text").isTextual()) {
            object.put("text", cut(object.path("text").asText(), limit));
        }
    }

    private static void shorten(JsonNode list, int limit) {
        if (list instanceof ArrayNode array) {
            while (array.size() > limit) {
                array.remove(array.size() - 1);
            }
        }
    }
}
