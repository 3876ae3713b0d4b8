package dev.alfred.agents.run;

import java.util.Optional;

/**
 * Where a run came from, as stored in {@link Run#origin()} (DESIGN.md section 3): {@code slash_command} (a person
 * typed {@code /alfred task}), {@code schedule:<id>} (a schedule fired), {@code webhook:<trigger>} (a generic webhook
 * trigger) or {@code webhook:github} (a GitHub webhook). Sub-runs carry their root's origin.
 */
public final class RunOrigin {
    /** A person typed {@code /alfred task}; also every run recorded before origins were. */
    public static final String SLASH_COMMAND = "slash_command";
    /** Prefix of a schedule's runs, followed by the schedule id. */
    public static final String SCHEDULE_PREFIX = "schedule:";
    /** Prefix of webhook runs, followed by the trigger's name. */
    public static final String WEBHOOK_PREFIX = "webhook:";
    /** Runs started by a GitHub webhook. */
    public static final String GITHUB = WEBHOOK_PREFIX + "github";

    private RunOrigin() {
    }

    /** @return {@code schedule:<scheduleId>} */
    public static String schedule(String scheduleId) {
        return SCHEDULE_PREFIX + scheduleId;
    }

    /** @return {@code webhook:<trigger>} */
    public static String webhook(String trigger) {
        return WEBHOOK_PREFIX + trigger;
    }

    /** @return the schedule id of a schedule's origin; empty for any other origin */
    public static Optional<String> scheduleId(String origin) {
        return origin != null && origin.startsWith(SCHEDULE_PREFIX)
                ? Optional.of(origin.substring(SCHEDULE_PREFIX.length())) : Optional.empty();
    }

    /** @return the trigger name of a webhook origin ({@code github} for GitHub's); empty for any other origin */
    public static Optional<String> webhookTrigger(String origin) {
        return origin != null && origin.startsWith(WEBHOOK_PREFIX)
                ? Optional.of(origin.substring(WEBHOOK_PREFIX.length())) : Optional.empty();
    }
}
