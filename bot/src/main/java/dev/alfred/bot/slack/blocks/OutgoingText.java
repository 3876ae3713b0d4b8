package dev.alfred.bot.slack.blocks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.agents.redaction.Redaction;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The last step of every text Alfred sends to Slack (posts, updates, ephemeral messages, views, slash command and
 * interaction responses): secrets redacted ({@link Redaction}, the one redaction shared with logs, audit and model
 * requests) and invisible formatting characters neutralised (DESIGN.md section 4, "Trust boundary"), so posted text
 * reads as what it is.
 *
 * <ul>
 *   <li>Bidirectional controls (Unicode Standard Annex #9 section 2: U+061C, U+200E, U+200F, U+202A–U+202E,
 *       U+2066–U+2069) become U+FFFD, the replacement character: visible, one character as before, so a text that
 *       used them to read backwards ("Trojan Source", CVE-2021-42574) shows where it was tampered with.</li>
 *   <li>Invisible characters with no place in chat text (U+200B zero-width space, U+2060–U+2064 word joiner and
 *       invisible operators, U+FEFF byte order mark, U+180E Mongolian vowel separator, U+00AD soft hyphen) are
 *       removed. Joiners that scripts and emoji need (U+200C, U+200D) are kept.</li>
 * </ul>
 * Both only shorten or keep lengths, so text cut to Slack's limits stays within them.
 */
public final class OutgoingText {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BIDI = Pattern.compile("[\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]");
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B\\u2060-\\u2064\\uFEFF\\u180E\\u00AD]");

    private OutgoingText() {
    }

    /** @return {@code text} with invisible formatting neutralised; null stays null */
    public static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return INVISIBLE.matcher(BIDI.matcher(text).replaceAll("\uFFFD")).replaceAll("");
    }

    /** @return {@code text} redacted and neutralised, ready for Slack; null stays null */
    public static String clean(String text) {
        return neutralise(Redaction.redact(text));
    }

    /**
     * @return every string value inside the JSON document cleaned as {@link #clean}, the document's shape kept
     *         (compact); text that is not a JSON object or array is cleaned as text; null stays null
     */
    public static String cleanJson(String json) {
        if (json == null || json.isBlank()) {
            return json;
        }
        try {
            JsonNode tree = JSON.readTree(json);
            if (tree == null || !tree.isContainerNode()) {
                return clean(json);
            }
            return JSON.writeValueAsString(Redaction.strings(tree, OutgoingText::clean));
        } catch (IOException e) {
            return clean(json);
        }
    }
}
