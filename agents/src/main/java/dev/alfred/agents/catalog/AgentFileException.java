package dev.alfred.agents.catalog;

/**
 * An agent definition file that cannot be used; Alfred does not start with one. The message names the file, the
 * line (when known) and the reason, e.g. {@code agents/lucius.yml line 4: unknown key 'modle' (expected one of: …)}.
 */
public class AgentFileException extends RuntimeException {
    /**
     * @param file   the file's name as the operator knows it
     * @param line   1-based line, or 0 when unknown
     * @param reason what is wrong, as a sentence
     */
    public AgentFileException(String file, int line, String reason) {
        super(file + (line > 0 ? " line " + line : "") + ": " + reason);
    }
}
