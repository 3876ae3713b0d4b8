package dev.alfred.bot.slack.command;

import dev.alfred.bot.slack.blocks.SlackMentions;

import dev.alfred.bot.slack.blocks.SlackText;
import dev.alfred.agents.tools.Tool;
import dev.alfred.agents.tools.ToolRegistry;
import dev.alfred.policies.PolicyBook;
import dev.alfred.policies.RuleExplanation;
import dev.alfred.policies.ToolCallRequest;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Texts for {@code /alfred policy [tool]}: which rule would decide a tool's calls for this person in this channel,
 * and why. Slack mrkdwn; rule text comes from the operator's files and is escaped.
 */
@Singleton
public class PolicyReport {
    private final PolicyBook policy;
    private final ToolRegistry tools;

    public PolicyReport(PolicyBook policy, ToolRegistry tools) {
        this.policy = policy;
        this.tools = tools;
    }

    /**
     * @param toolName a tool's name, or blank for every tool
     * @param agent    the agent whose calls are explained
     * @return the explanation, or a list of tools when the name is unknown
     */
    public String explain(String toolName, String agent, String userId, String channelId) {
        if (toolName.isBlank()) {
            StringBuilder text = new StringBuilder("*What the policy decides for <@" + userId + "> in <#"
                    + channelId + ">* (`/alfred policy <tool>` for details):");
            for (Tool tool : tools.all().values()) {
                text.append("\n• `").append(tool.name()).append("` (").append(tool.tier().wireName()).append("): ")
                        .append(decision(tool, agent, userId, channelId));
            }
            return text.toString();
        }
        Optional<Tool> tool = tools.find(toolName);
        if (tool.isEmpty()) {
            return "There is no tool `" + SlackText.escape(toolName) + "`. Tools: "
                    + String.join(", ", tools.names().stream().map(n -> "`" + n + "`").toList()) + ".";
        }
        List<RuleExplanation> rules = policy.explain(request(tool.get(), agent, userId, channelId),
                SlackMentions.SLACK);
        StringBuilder text = new StringBuilder("*Policy for `" + toolName + "`* (risk: "
                + tool.get().tier().wireName() + ") when <@" + userId + "> asks in <#" + channelId
                + ">. Rules are tried in order; the first that matches decides:");
        for (int i = 0; i < rules.size(); i++) {
            RuleExplanation rule = rules.get(i);
            text.append("\n").append(i + 1).append(". `").append(SlackText.escape(rule.ruleId())).append("` (")
                    .append(SlackText.escape(rule.source())).append("): ")
                    .append(SlackText.escapeKeepingMentions(rule.decision()))
                    .append(rule.condition() == null ? (i == 0 ? "" : " — otherwise")
                            : " — when " + SlackText.escape(rule.condition()));
        }
        return text.toString();
    }

    /**
     * @param agent the agent whose calls are judged
     * @return what the policy decides for a call of {@code tool}, e.g. {@code allow — rule `read-allow`}, with how
     *         many conditional rules come first; Slack mrkdwn
     */
    public String decision(Tool tool, String agent, String userId, String channelId) {
        List<RuleExplanation> rules = policy.explain(request(tool, agent, userId, channelId), SlackMentions.SLACK);
        RuleExplanation last = rules.get(rules.size() - 1);
        return SlackText.escapeKeepingMentions(last.decision()) + " — rule `" + SlackText.escape(last.ruleId()) + "`"
                + (rules.size() > 1 ? " (" + (rules.size() - 1) + " conditional rule(s) first)" : "");
    }

    private static ToolCallRequest request(Tool tool, String agent, String userId, String channelId) {
        return new ToolCallRequest(tool.name(), tool.tier(), agent, channelId, userId);
    }
}
