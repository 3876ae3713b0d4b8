package dev.alfred.agents.tools.workspace;

/**
 * A workspace operation that could not be done, with a message the model may read: it names the cause and never
 * holds a token. Tools turn it into a tool error.
 */
public class WorkspaceException extends Exception {
    public WorkspaceException(String message) {
        super(message);
    }
}
