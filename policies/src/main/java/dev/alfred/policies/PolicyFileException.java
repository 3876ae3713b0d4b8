package dev.alfred.policies;

/**
 * A policy file that cannot be used. The message names the file, the line (when known) and the reason, e.g.
 * {@code policies/ops.yml line 12: unknown key 'decison' (expected one of: ...)}.
 */
public class PolicyFileException extends RuntimeException {
    private final String file;
    private final int line;

    /**
     * @param file   the file's name as the operator knows it
     * @param line   1-based line, or 0 when unknown
     * @param reason what is wrong, as a sentence
     */
    public PolicyFileException(String file, int line, String reason) {
        super(file + (line > 0 ? " line " + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
    }

    /** @return the file's name */
    public String file() {
        return file;
    }

    /** @return the 1-based line, or 0 when unknown */
    public int line() {
        return line;
    }
}
