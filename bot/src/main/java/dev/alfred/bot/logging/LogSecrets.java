package dev.alfred.bot.logging;

import dev.alfred.agents.tools.mcp.McpServers;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import java.util.List;

/**
 * Registers the configured secrets with {@link Redaction} at start-up, however they were set (environment, system
 * properties, configuration files, a test's properties): the Slack tokens and signing secret, the model providers'
 * API keys, the GitHub token, the database password and the JobRunr dashboard's password; and the MCP servers' header
 * values and the values their {@code ${VAR}}s expanded to.
 */
@Context
public class LogSecrets {
    /** The properties whose values are secrets. */
    static final List<String> PROPERTIES = List.of("alfred.slack.bot-token", "alfred.slack.signing-secret",
            "alfred.slack.app-token", "alfred.model.api-key", "alfred.model.anthropic-api-key", "alfred.github.token",
            "datasources.default.password", "alfred.jobs.dashboard-password");

    public LogSecrets(Environment environment, McpServers mcp) {
        PROPERTIES.forEach(name -> environment.getProperty(name, String.class).ifPresent(Redaction::register));
        mcp.secrets().forEach(Redaction::register);
    }
}
