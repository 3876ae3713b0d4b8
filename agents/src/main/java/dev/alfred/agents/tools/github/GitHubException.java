package dev.alfred.agents.tools.github;

/**
 * A GitHub call that failed: an error answer from the API or no answer at all. The message is written for the model
 * to read (what failed and, where GitHub says, why) and never contains the token.
 */
public class GitHubException extends Exception {
    private final int status;

    /**
     * @param status  the HTTP status GitHub answered, or 0 when there was no answer (timeout, connection refused)
     * @param message what went wrong, for the model
     */
    public GitHubException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** @return the HTTP status GitHub answered, or 0 when there was no answer */
    public int status() {
        return status;
    }
}
