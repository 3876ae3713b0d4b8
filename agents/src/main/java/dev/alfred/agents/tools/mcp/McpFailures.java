package dev.alfred.agents.tools.mcp;

import io.modelcontextprotocol.spec.McpError;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Reads what went wrong in an SDK call: the SDK's blocking client throws Reactor's wrappers around the cause, so the
 * cause chain is searched. The texts for the model say whether the call may have happened: a call that timed out or
 * lost its connection may have taken effect on the server, so the model is told to check before calling again.
 */
final class McpFailures {
    private McpFailures() {
    }

    /** @return whether the request ran past its timeout ({@code alfred.mcp.call-timeout}) */
    static boolean timedOut(Throwable e) {
        return find(e, TimeoutException.class) != null;
    }

    /** @return whether the server answered with a JSON-RPC error (it received the call and refused it) */
    static boolean refused(Throwable e) {
        return find(e, McpError.class) != null;
    }

    /** @return the innermost message worth reading, e.g. {@code Connection refused} */
    static String message(Throwable e) {
        McpError error = find(e, McpError.class);
        if (error != null && error.getJsonRpcError() != null) {
            return error.getJsonRpcError().message() + " (error " + error.getJsonRpcError().code() + ")";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null || root.getMessage().isBlank() ? e.getMessage() : root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip();
    }

    /**
     * @param outcome {@code timeout}, {@code error} or {@code unreachable}
     * @param reason  what went wrong, secrets already masked
     * @return the tool error's text for the model
     */
    static String describe(String server, String outcome, String reason, Duration timeout) {
        return switch (outcome) {
            case "timeout" -> "the MCP server " + server + " did not answer within " + timeout.toSeconds()
                    + " s. The call may still take effect on the server: check before calling it again.";
            case "error" -> "the MCP server " + server + " refused the call: " + reason;
            default -> "the MCP server " + server + " could not be reached: " + reason + ". The call may or may not "
                    + "have been made: check before calling it again.";
        };
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
