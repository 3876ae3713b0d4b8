package dev.alfred.agents.tools;

import java.util.Map;

/**
 * Tools that come and go while Alfred runs (an MCP server's, offered while the server is up and as it lists them), in
 * contrast to the tool beans, which are fixed at start-up. The {@link ToolRegistry} asks each source on every look-up,
 * so a source answers from memory: no I/O, no waiting.
 */
public interface ToolSource {

    /** @return the tools offered now, by name; an immutable snapshot, replaced (not changed) when the tools change */
    Map<String, Tool> tools();

    /**
     * For agent definitions checked at start-up, before the source's tools are known.
     *
     * @param pattern a tool name or glob from an agent's {@code tools:} list
     * @return whether a tool this source may offer later could match it, e.g. {@code mcp__linear__list_issues}
     */
    boolean mayOffer(String pattern);
}
