package dev.alfred.bot.slack.command;

import dev.alfred.agents.catalog.AgentCatalog;
import dev.alfred.agents.catalog.AgentDefaults;
import dev.alfred.agents.catalog.AgentDefinition;
import dev.alfred.agents.tools.Tool;
import dev.alfred.agents.tools.ToolRegistry;
import dev.alfred.agents.tools.github.GitHubTool;
import dev.alfred.agents.tools.mcp.McpServerState;
import dev.alfred.agents.tools.mcp.McpServers;
import dev.alfred.agents.tools.mcp.McpTool;
import dev.alfred.bot.slack.blocks.SlackText;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /alfred tools}: every tool an agent can use now, grouped by where it comes from (built-in, GitHub, then each
 * MCP server in the file's order with its state: up, starting, or down with the reason), each with its risk tier,
 * what the policy would decide for this person in this channel (as {@value AgentDefaults#BOSS}), and the agents that
 * may call it. Servers that are not up are listed without tools. Slack mrkdwn, cut to one message of at
 * most {@value #MAX_LISTING_CHARS} characters.
 */
@Singleton
public class ToolsReport {
    /**
     * The listing's length cap, in characters: one ephemeral message, well under Slack's 40,000-character limit on a
     * message's text (https://docs.slack.dev/reference/methods/chat.postMessage, "Truncating content"), beyond
     * Alfred's usual 3,900 so that a few MCP servers' tools fit.
     */
    static final int MAX_LISTING_CHARS = 12_000;

    private final ToolRegistry tools;
    private final AgentCatalog agents;
    private final McpServers mcp;
    private final PolicyReport policy;

    public ToolsReport(ToolRegistry tools, AgentCatalog agents, McpServers mcp, PolicyReport policy) {
        this.tools = tools;
        this.agents = agents;
        this.mcp = mcp;
        this.policy = policy;
    }

    /** @return the listing for {@code userId} in {@code channelId} */
    public String list(String userId, String channelId) {
        List<Tool> usable = tools.all().values().stream().filter(tool -> !users(tool).isEmpty()).toList();
        StringBuilder text = new StringBuilder("*Tools* (risk tier, then what the policy decides for <@" + userId
                + "> in <#" + channelId + ">; `/alfred policy <tool>` explains it):");
        group(text, "Built-in", "", usable.stream().filter(t -> !(t instanceof GitHubTool)
                && !(t instanceof McpTool)).toList(), userId, channelId);
        group(text, "GitHub", "", usable.stream().filter(t -> t instanceof GitHubTool).toList(), userId, channelId);
        for (McpServerState server : mcp.states()) {
            List<Tool> served = usable.stream().filter(t -> t instanceof McpTool m && m.server().equals(
                    server.server())).toList();
            String state = switch (server.status()) {
                case UP -> ":large_green_circle: up, " + server.tools() + " tool(s)";
                case STARTING -> ":hourglass_flowing_sand: starting";
                case DOWN -> ":red_circle: down: " + SlackText.escape(server.reason() == null ? "" : server.reason());
            };
            group(text, "MCP server " + SlackText.escape(server.server()), " — " + state + " · `"
                    + SlackText.escape(server.where()) + "`", served, userId, channelId);
            if (served.isEmpty() && server.status() == McpServerState.Status.UP && server.tools() > 0) {
                text.append("\n_no agent lists its tools (e.g. `tools: [mcp__*]`)_");
            }
        }
        List<String> parts = SlackText.split(text.toString(), MAX_LISTING_CHARS);
        return parts.size() == 1 ? parts.get(0) : parts.get(0) + "\n_… the list goes on: `/alfred policy <tool>` for one "
                + "tool_";
    }

    private void group(StringBuilder text, String title, String state, List<Tool> group, String userId,
            String channelId) {
        if (group.isEmpty() && state.isEmpty()) {
            return;
        }
        text.append("\n\n*").append(title).append('*').append(state);
        for (Tool tool : group) {
            text.append("\n• `").append(tool.name()).append("` (").append(tool.tier().wireName()).append("): ")
                    .append(policy.decision(tool, AgentDefaults.BOSS, userId, channelId)).append(" · ")
                    .append(String.join(", ", users(tool)));
        }
    }

    private List<String> users(Tool tool) {
        List<String> users = new ArrayList<>();
        for (AgentDefinition agent : agents.all()) {
            if (agent.allows(tool.name())) {
                users.add(agent.name());
            }
        }
        return users;
    }
}
