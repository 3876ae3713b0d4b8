package dev.alfred.bot.logging;

/**
 * Takes secrets out of log text: the one redaction of {@link dev.alfred.agents.redaction.Redaction}, which the audit
 * log, the outbox, model requests and Slack output share; this class keeps the logging side's name for it.
 */
public final class Redaction {
    /** What a secret is replaced by. */
    public static final String MASK = dev.alfred.agents.redaction.Redaction.MASK;

    private Redaction() {
    }

    /** Masks this value wherever it appears from now on, everywhere; blank values and ones shorter than 6 are ignored. */
    public static void register(String secret) {
        dev.alfred.agents.redaction.Redaction.register(secret);
    }

    /** @return {@code text} with every credential and registered secret masked; null stays null */
    public static String redact(String text) {
        return dev.alfred.agents.redaction.Redaction.redact(text);
    }
}
