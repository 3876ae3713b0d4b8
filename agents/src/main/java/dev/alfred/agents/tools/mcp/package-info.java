/**
 * MCP servers as tools (DESIGN.md section 4, "MCP servers"): every tool of every server named in the
 * {@code mcpServers} file of {@code ALFRED_MCP_CONFIG} is offered to agents as {@code mcp__<server>__<tool>}, judged
 * by policy by its tier like any built-in tool.
 *
 * <p>{@link dev.alfred.agents.tools.mcp.McpConfigFile} reads the file ({@code ${VAR}} expanded from the environment),
 * {@link dev.alfred.agents.tools.mcp.McpServers} starts one {@link dev.alfred.agents.tools.mcp.McpConnection} per
 * server in the background and offers the tools of those that are up to the
 * {@link dev.alfred.agents.tools.ToolRegistry}. The protocol is the official MCP Java SDK's
 * ({@code io.modelcontextprotocol.sdk:mcp-core}): its {@code McpClient.sync}, stdio and Streamable HTTP transports;
 * nothing here speaks JSON-RPC itself.
 */
package dev.alfred.agents.tools.mcp;
