package dev.alfred.bot.slack.blocks;

import java.util.ArrayList;
import java.util.List;

/**
 * A final answer streamed into a direct message or an assistant thread: escaped like every text from a model (it
 * cannot mention or link), split into messages of at most {@link SlackText#MAX_MESSAGE_CHARS} characters, each
 * streamed in pieces of about {@value #CHUNK_CHARS} characters ({@code markdown_text} takes up to 12,000 per call,
 * https://docs.slack.dev/reference/methods/chat.appendStream). Pieces are cut after white space where there is
 * some, and never inside an entity such as {@code &amp;}; joined again they are the message exactly. The person is
 * the only reader of a direct message, so the answer is not addressed to them.
 */
public final class StreamedAnswers {
    /** Characters per {@code chat.appendStream}, so that a long answer visibly streams. */
    public static final int CHUNK_CHARS = 800;

    private StreamedAnswers() {
    }

    /** @return the answer as the messages to stream, in order */
    public static List<String> messages(String answer) {
        return SlackText.split(SlackText.escape(answer), SlackText.MAX_MESSAGE_CHARS);
    }

    /** @return {@code message} in pieces of at most {@code size} characters whose concatenation is {@code message} */
    public static List<String> chunks(String message, int size) {
        if (size < 16) {
            throw new IllegalArgumentException("size must be at least 16, was " + size);
        }
        List<String> chunks = new ArrayList<>();
        int from = 0;
        while (message.length() - from > size) {
            int cut = cut(message, from, from + size);
            chunks.add(message.substring(from, cut));
            from = cut;
        }
        chunks.add(message.substring(from));
        return chunks;
    }

    /** @return where to end the chunk starting at {@code from}, at most at {@code limit} */
    private static int cut(String text, int from, int limit) {
        for (int i = limit - 1; i > from + (limit - from) / 2; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i + 1;
            }
        }
        int amp = text.lastIndexOf('&', limit - 1);
        int semicolon = amp < 0 ? -1 : text.indexOf(';', amp);
        return amp > from && amp > limit - 8 && semicolon >= limit ? amp : limit;
    }
}
