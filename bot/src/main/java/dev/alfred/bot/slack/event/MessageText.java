package dev.alfred.bot.slack.event;

import io.micronaut.core.annotation.Nullable;
import java.util.regex.Pattern;

/**
 * Alfred's own mention in a message's text. Slack writes a user mention as {@code <@U0123ABC>} or
 * {@code <@U0123ABC|name>} (https://docs.slack.dev/messaging/formatting-message-text#mentioning-users); the bot's
 * user id is what {@code auth.test} answered, which Bolt keeps in the request's context.
 */
final class MessageText {
    private static final Pattern LEADING_MENTION = Pattern.compile("^\\s*<@[A-Z0-9]+(\\|[^>]*)?>");

    private MessageText() {
    }

    /** @return whether {@code text} mentions the bot user {@code botUserId} (false when either is unknown) */
    static boolean mentions(@Nullable String text, @Nullable String botUserId) {
        return text != null && botUserId != null && text.contains("<@" + botUserId);
    }

    /**
     * @param leadingOtherwise for an {@code app_mention}, which mentions Alfred by definition: when the bot user id
     *                         is unknown or absent from the text, take out the leading mention instead
     * @return the text without Alfred's mention(s), whitespace collapsed at the ends; empty for null
     */
    static String withoutMention(@Nullable String text, @Nullable String botUserId, boolean leadingOtherwise) {
        if (text == null) {
            return "";
        }
        if (mentions(text, botUserId)) {
            return text.replaceAll("[ \\t]*<@" + Pattern.quote(botUserId) + "(\\|[^>]*)?>[ \\t]*", " ").strip();
        }
        return (leadingOtherwise ? LEADING_MENTION.matcher(text).replaceFirst("") : text).strip();
    }
}
