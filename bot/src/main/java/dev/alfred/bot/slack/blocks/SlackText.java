package dev.alfred.bot.slack.blocks;

import java.util.ArrayList;
import java.util.List;

/**
 * Text rules of Slack messages.
 *
 * <ul>
 *   <li>Escaping: {@code &}, {@code <} and {@code >} become {@code &amp;}, {@code &lt;} and {@code &gt;}, as
 *       "Formatting text for app surfaces · Escaping text" in Slack's documentation requires. Escaped text cannot
 *       carry a mention ({@code <!channel>}, {@code <@U…>}) or a link of its own.</li>
 *   <li>Length: Slack truncates a message's {@code text} past 40,000 characters and recommends at most 4,000
 *       (chat.postMessage, "Truncating content"); Alfred splits longer text into messages of at most
 *       {@link #MAX_MESSAGE_CHARS}.</li>
 * </ul>
 */
public final class SlackText {
    /** Characters per message Alfred posts, under Slack's recommended 4,000. */
    public static final int MAX_MESSAGE_CHARS = 3_900;

    private SlackText() {
    }

    /** @return the text with {@code & < >} escaped; null becomes the empty string */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Escapes like {@link #escape} but keeps well-formed user, user group and channel references
     * ({@code <@U…>}, {@code <!subteam^S…>}, {@code <#C…>}), which Alfred builds itself from validated ids. Special
     * mentions ({@code <!channel>}, {@code <!here>}) and links are escaped.
     */
    public static String escapeKeepingMentions(String text) {
        if (text == null) {
            return "";
        }
        java.util.regex.Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(escape(text.substring(last, m.start()))).append(m.group());
            last = m.end();
        }
        return out.append(escape(text.substring(last))).toString();
    }

    private static final java.util.regex.Pattern REFERENCE =
            java.util.regex.Pattern.compile("<@[UW][A-Z0-9]+>|<!subteam\\^S[A-Z0-9]+>|<#[CG][A-Z0-9]+>");

    /**
     * Splits text into chunks of at most {@code limit} characters, preferring to break at a newline, then at a space,
     * in the last half of a chunk; never inside an escape such as {@code &amp;}.
     *
     * @param limit the maximum chunk length, at least 16
     * @return the chunks in order; one empty chunk for empty text
     */
    public static List<String> split(String text, int limit) {
        if (limit < 16) {
            throw new IllegalArgumentException("limit must be at least 16, was " + limit);
        }
        List<String> chunks = new ArrayList<>();
        String rest = text == null ? "" : text;
        while (rest.length() > limit) {
            int cut = breakPoint(rest, limit);
            chunks.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        chunks.add(rest);
        return chunks;
    }

    private static int breakPoint(String text, int limit) {
        int newline = text.lastIndexOf('\n', limit);
        if (newline >= limit / 2) {
            return newline + 1;
        }
        int space = text.lastIndexOf(' ', limit);
        if (space >= limit / 2) {
            return space + 1;
        }
        int amp = text.lastIndexOf('&', limit - 1);
        if (amp > limit - 6 && text.indexOf(';', amp) >= limit) {
            return amp;
        }
        return limit;
    }
}
