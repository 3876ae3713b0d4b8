package dev.alfred.bot.slack.command;

import dev.alfred.bot.slack.blocks.SlackText;
import dev.alfred.agents.catalog.AgentDefaults;
import dev.alfred.agents.catalog.AgentCatalog;
import dev.alfred.agents.catalog.AgentDefinition;
import dev.alfred.agents.fleet.Fleet;
import dev.alfred.agents.model.ChatModels;
import dev.alfred.agents.run.RunnerSettings;
import dev.alfred.agents.spend.Spend;
import jakarta.inject.Singleton;

/**
 * {@code /alfred agents}: the fleet's agents as an ephemeral message, one paragraph each: codename, description,
 * model and fallback, tools, step limit, budget, prompt budget, and whether it is paused.
 */
@Singleton
public class AgentsReport {
    private final AgentCatalog agents;
    private final ChatModels models;
    private final Fleet fleet;
    private final RunnerSettings settings;

    public AgentsReport(AgentCatalog agents, ChatModels models, Fleet fleet, RunnerSettings settings) {
        this.agents = agents;
        this.models = models;
        this.fleet = fleet;
        this.settings = settings;
    }

    /** @return the listing, Slack mrkdwn */
    public String list() {
        StringBuilder text = new StringBuilder("*Agents* (`/alfred task @<agent> …` picks one; without one, *")
                .append(AgentDefaults.BOSS).append("* takes the task and may delegate):");
        for (AgentDefinition agent : agents.all()) {
            text.append("\n\n• *").append(SlackText.escape(agent.name())).append("* — ")
                    .append(SlackText.escape(agent.description()));
            fleet.pauseFor(agent.name()).ifPresent(pause -> text.append(" _(paused: ")
                    .append(SlackText.escape(pause.describe())).append(")_"));
            text.append("\n   model `").append(SlackText.escape(label(agent))).append('`');
            if (agent.fallback() != null) {
                text.append(", fallback `").append(SlackText.escape(models.name(agent.fallback()))).append("` (")
                        .append(agent.fallback().provider()).append(')');
            }
            text.append(" · up to ").append(agent.maxSteps() != null ? agent.maxSteps() : settings.getMaxSteps())
                    .append(" steps");
            if (agent.budgetUsd() != null) {
                text.append(" · budget ").append(Spend.usd(agent.budgetUsd())).append(" a run");
            }
            text.append(" · prompts kept under ").append(agent.promptTokenBudget()).append(" tokens");
            text.append("\n   tools: ").append(String.join(", ", agents.toolNames(agent).stream()
                    .map(name -> "`" + name + "`").toList()));
        }
        return SlackText.split(text.toString(), SlackText.MAX_MESSAGE_CHARS).get(0);
    }

    private String label(AgentDefinition agent) {
        return models.name(agent.modelOrDefault()) + " (" + agent.modelOrDefault().provider()
                + (models.model(agent.modelOrDefault()).isEmpty() ? ", not configured" : "") + ")";
    }
}
