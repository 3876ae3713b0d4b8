package dev.alfred.bot.intake;

import io.micronaut.core.annotation.Nullable;

/**
 * A {@code /alfred task} as Slack delivered it.
 *
 * @param deliveryKey de-duplication key, {@code slack:command:<trigger_id>}
 * @param agent       codename of the agent to work it
 * @param task        the task text
 */
public record TaskRequest(String deliveryKey, String agent, String task, @Nullable String teamId, String channelId,
        String userId) {
}
