package dev.alfred.bot.intake;

import java.util.Locale;

/**
 * A task as a person types it, {@code [@agent] <what to do>}: after {@code /alfred task}, after a mention of Alfred
 * ({@code @Alfred @lucius check the deploy}), or in a direct message.
 *
 * @param agent the codename named with a leading {@code @} (lower case), or the default when none is
 * @param task  the rest, stripped; may be empty
 */
public record TaskText(String agent, String task) {

    /**
     * @param text         what the person wrote, with Alfred's own mention already taken out
     * @param defaultAgent the agent when the text names none
     */
    public static TaskText parse(String text, String defaultAgent) {
        String stripped = text == null ? "" : text.strip();
        if (!stripped.startsWith("@")) {
            return new TaskText(defaultAgent, stripped);
        }
        String[] parts = stripped.split("\\s+", 2);
        return new TaskText(parts[0].substring(1).toLowerCase(Locale.ROOT), parts.length > 1 ? parts[1].strip() : "");
    }
}
