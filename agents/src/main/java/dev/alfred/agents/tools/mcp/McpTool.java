package dev.alfred.agents.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.Tool;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.policies.RiskTier;

/**
 * One tool of an MCP server, as the registry offers it: named {@code mcp__<server>__<tool>} ({@link McpToolNames}),
 * described and shaped as the server lists it, with the tier of {@link McpTiers}. A call goes to the server's
 * {@link McpConnection}; the dispatcher has validated the arguments against {@link #parameters()} and applied policy
 * before.
 */
public final class McpTool implements Tool {
    /** Descriptions are the server's words and reach every prompt: this many characters are kept. */
    static final int MAX_DESCRIPTION_CHARS = 1_000;

    private final String name;
    private final String remoteName;
    private final String description;
    private final ObjectNode parameters;
    private final RiskTier tier;
    private final McpConnection connection;

    McpTool(String name, String remoteName, String description, ObjectNode parameters, RiskTier tier,
            McpConnection connection) {
        this.name = name;
        this.remoteName = remoteName;
        this.description = description;
        this.parameters = parameters;
        this.tier = tier;
        this.connection = connection;
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the server's name in the {@code mcpServers} file, e.g. {@code linear} */
    public String server() {
        return connection.config().name();
    }

    /** @return the tool's name on its server, e.g. {@code list_issues} */
    public String remoteName() {
        return remoteName;
    }

    @Override
    public String description() {
        return description;
    }

    /** @return the tool's input schema as the server listed it (a copy) */
    @Override
    public ObjectNode parameters() {
        return parameters.deepCopy();
    }

    @Override
    public RiskTier tier() {
        return tier;
    }

    @Override
    public ToolResult execute(JsonNode arguments, ToolContext context) {
        return connection.call(remoteName, arguments, context.idempotencyKey());
    }
}
