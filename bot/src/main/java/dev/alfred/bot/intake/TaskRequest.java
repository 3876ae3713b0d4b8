package dev.alfred.bot.intake;

import dev.alfred.agents.run.RunOrigin;
import io.micronaut.core.annotation.Nullable;

/**
 * A task as Slack delivered it: a {@code /alfred task}, a mention of Alfred, or a message to it.
 *
 * @param deliveryKey de-duplication key: {@code slack:command:<trigger_id>} for a slash command,
 *                    {@code slack:event:<event_id>} for a mention or a message
 * @param agent       codename of the agent to work it
 * @param task        the task text
 * @param threadTs    the thread the run works in when the conversation has one already (a mention's or a direct
 *                    message's thread); null to open one with a root message in the channel
 * @param origin      how the request reached Alfred, one of {@link RunOrigin}
 * @param earlier     what was asked and answered before in the same thread, for a follow-up; null for a first
 *                    request. It is added to the run's system prompt.
 */
public record TaskRequest(String deliveryKey, String agent, String task, @Nullable String teamId, String channelId,
        String userId, @Nullable String threadTs, String origin, @Nullable String earlier) {

    /** A {@code /alfred task}: Alfred opens the run's thread with a root message. */
    public TaskRequest(String deliveryKey, String agent, String task, @Nullable String teamId, String channelId,
            String userId) {
        this(deliveryKey, agent, task, teamId, channelId, userId, null, RunOrigin.SLASH_COMMAND, null);
    }
}
