package dev.alfred.agents.trigger;

/**
 * A trigger file that cannot be used; Alfred does not start with one. The message names the file, the line (when
 * known) and the reason, e.g. {@code triggers/alerts.yml line 3: 'channel' is required: …}.
 */
public class TriggerFileException extends RuntimeException {
    /**
     * @param file   the file's name as the operator knows it
     * @param line   1-based line, or 0 when unknown
     * @param reason what is wrong, as a sentence
     */
    public TriggerFileException(String file, int line, String reason) {
        super(file + (line > 0 ? " line " + line : "") + ": " + reason);
    }
}
