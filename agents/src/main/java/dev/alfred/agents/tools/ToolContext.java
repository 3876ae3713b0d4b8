package dev.alfred.agents.tools;

import io.micronaut.core.annotation.Nullable;

/**
 * The run a tool call belongs to.
 *
 * @param runId          the run's id
 * @param agent          the codename of the agent calling
 * @param toolCallId     the model's id for this call
 * @param channelId      the Slack channel of the run's thread
 * @param threadTs       the run's thread
 * @param idempotencyKey for approved side effects: a key derived from the staged action's id, the same for every
 *                       attempt at that action; tools that can pass it on to the remote system should
 */
public record ToolContext(String runId, String agent, String toolCallId, String channelId, @Nullable String threadTs,
        @Nullable String idempotencyKey) {
}
