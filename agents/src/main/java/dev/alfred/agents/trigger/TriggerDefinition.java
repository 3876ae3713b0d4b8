package dev.alfred.agents.trigger;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import java.util.regex.Pattern;

/**
 * One generic webhook trigger, as its YAML file {@code ALFRED_TRIGGERS_DIR/<name>.yml} defines it (DESIGN.md
 * section 4, Triggers):
 * <pre>
 * secret_env: ALERTS_WEBHOOK_SECRET      # the environment variable holding the HMAC-SHA256 secret
 * channel: C0123ALERTS                   # Slack channel id where its runs open their threads
 * requester: U0123ONCALL                 # Slack user id on whose behalf they run
 * agent: oracle                          # optional; default alfred
 * task: |                                # Mustache; each {{ path }} a JSONPath into the body, filled in quoted
 *   Triage the alert {{ alert.name }} (severity {{ alert.severity }}).
 * dedupe_key: "{{ alert.id }}"           # optional; default: the body's SHA-256
 * </pre>
 */
public record TriggerDefinition(
        @JsonProperty("secret_env") String secretEnv,
        String channel,
        String requester,
        @Nullable String agent,
        String task,
        @JsonProperty("dedupe_key") @Nullable String dedupeKey) {
    /** Environment variable names. */
    static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Slack channel ids (public, private, direct). */
    static final Pattern CHANNEL = Pattern.compile("[CGD][A-Z0-9]{2,}");
    /** Slack user ids. */
    static final Pattern USER = Pattern.compile("[UW][A-Z0-9]{2,}");

    /**
     * @return the first problem as the key it is about and a sentence, or null when the definition is complete
     *         (checked here rather than in the constructor, so that the file's reader can name the key's line)
     */
    @Nullable
    String[] problem() {
        if (secretEnv == null || !VARIABLE.matcher(secretEnv).matches()) {
            return new String[] {"secret_env", "'secret_env' is required: the name of the environment variable that "
                    + "holds the webhook's HMAC secret"};
        }
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            return new String[] {"channel", "'channel' is required: a Slack channel id such as C0123ABCD, was "
                    + (channel == null ? "missing" : "'" + channel + "'")};
        }
        if (requester == null || !USER.matcher(requester).matches()) {
            return new String[] {"requester", "'requester' is required: a Slack user id such as U0123ABCD, was "
                    + (requester == null ? "missing" : "'" + requester + "'")};
        }
        if (task == null || task.isBlank()) {
            return new String[] {"task", "'task' is required: the task template"};
        }
        return null;
    }
}
