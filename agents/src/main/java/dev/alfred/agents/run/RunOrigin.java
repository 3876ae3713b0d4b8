package dev.alfred.agents.run;

import java.util.Optional;

/**
 * Where a run came from, as stored in {@link Run#origin()} (DESIGN.md section 3): {@code slash_command} (a person
 * typed {@code /alfred task}), {@code mention}, {@code direct_message}, {@code assistant_thread},
 * {@code schedule:<id>} (a schedule fired), {@code webhook:<trigger>} (a generic webhook
 * trigger) or {@code webhook:github} (a GitHub webhook). Sub-runs carry their root's origin.
 */
public final class RunOrigin {
    /** A person typed {@code /alfred task}; also every run recorded before origins were. */
    public static final String SLASH_COMMAND = "slash_command";
    /** A mention of Alfred in a channel: the run works in the mention's own thread. */
    public static final String MENTION = "mention";
    /** A direct message to Alfred: the run works in a thread under that message. */
    public static final String DIRECT_MESSAGE = "direct_message";
    /** A message in a thread of Alfred's AI-assistant container, in the direct message with Alfred. */
    public static final String ASSISTANT_THREAD = "assistant_thread";
    /** Prefix of a schedule's runs, followed by the schedule id. */
    public static final String SCHEDULE_PREFIX = "schedule:";
    /** Prefix of webhook runs, followed by the trigger's name. */
    public static final String WEBHOOK_PREFIX = "webhook:";
    /** Runs started by a GitHub webhook. */
    public static final String GITHUB = WEBHOOK_PREFIX + "github";

    private RunOrigin() {
    }

    /** @return whether runs of this origin work in a direct message with the requester (a DM or an assistant thread) */
    public static boolean isDirect(String origin) {
        return DIRECT_MESSAGE.equals(origin) || ASSISTANT_THREAD.equals(origin);
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
