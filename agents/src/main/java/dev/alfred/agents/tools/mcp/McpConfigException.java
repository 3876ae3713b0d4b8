package dev.alfred.agents.tools.mcp;

/**
 * The MCP servers file cannot be used: unreadable, not the {@code mcpServers} format, or naming an environment
 * variable that is not set. Thrown at start-up, so Alfred does not start with a configuration it cannot honour. The
 * message names the file and, where it applies, the server and the variable; it never contains a variable's value.
 */
public class McpConfigException extends IllegalStateException {
    /** @param message what is wrong and where */
    public McpConfigException(String message) {
        super(message);
    }
}
