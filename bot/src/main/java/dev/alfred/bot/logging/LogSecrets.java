package dev.alfred.bot.logging;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import java.util.List;

/**
 * Registers the configured secrets with {@link Redaction} at start-up, however they were set (environment, system
 * properties, configuration files, a test's properties): the Slack tokens and signing secret, the model providers'
 * API keys, the GitHub token, the database password and the JobRunr dashboard's password.
 */
@Context
public class LogSecrets {
    /** The properties whose values are secrets. */
    static final List<String> PROPERTIES = List.of("alfred.slack.bot-token", "alfred.slack.signing-secret",
            "alfred.slack.app-token", "alfred.model.api-key", "alfred.model.anthropic-api-key", "alfred.github.token",
            "datasources.default.password", "alfred.jobs.dashboard-password");

    public LogSecrets(Environment environment) {
        PROPERTIES.forEach(name -> environment.getProperty(name, String.class).ifPresent(Redaction::register));
    }
}
