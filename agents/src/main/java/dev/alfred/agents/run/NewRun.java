package dev.alfred.agents.run;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What intake knows about a task before it becomes a run.
 *
 * @param agent           codename of the agent to work it
 * @param task            the task text
 * @param teamId          Slack team (workspace) id, if known
 * @param channelId       Slack channel to open the run's thread in
 * @param requesterUserId Slack user who asked
 * @param systemPrompt    the system prompt the transcript starts with
 * @param maxSteps        the step limit, at least 1
 * @param budgetUsd       the run's spend cap in US dollars; null for {@code alfred.spend.run-cap}
 * @param threadTs        the thread to report in when it exists already (a sub-run reports in its parent's)
 * @param parentRunId     for a sub-run: the run that delegated
 * @param parentCallId    for a sub-run: the parent's {@code delegate} tool call
 * @param origin          where the run comes from ({@link RunOrigin})
 */
public record NewRun(String agent, String task, @Nullable String teamId, String channelId, String requesterUserId,
        String systemPrompt, int maxSteps, @Nullable BigDecimal budgetUsd, @Nullable String threadTs,
        @Nullable String parentRunId, @Nullable String parentCallId, String origin) {

    /** A run started by a slash command (or a sub-run of one), as before runs recorded their origin. */
    public NewRun(String agent, String task, @Nullable String teamId, String channelId, String requesterUserId,
            String systemPrompt, int maxSteps, @Nullable BigDecimal budgetUsd, @Nullable String threadTs,
            @Nullable String parentRunId, @Nullable String parentCallId) {
        this(agent, task, teamId, channelId, requesterUserId, systemPrompt, maxSteps, budgetUsd, threadTs,
                parentRunId, parentCallId, RunOrigin.SLASH_COMMAND);
    }

    /** A root run typed as {@code /alfred task}: its own thread, the configured spend cap. */
    public NewRun(String agent, String task, @Nullable String teamId, String channelId, String requesterUserId,
            String systemPrompt, int maxSteps) {
        this(agent, task, teamId, channelId, requesterUserId, systemPrompt, maxSteps, null, null, null, null,
                RunOrigin.SLASH_COMMAND);
    }

    public NewRun {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(requesterUserId, "requesterUserId");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        Objects.requireNonNull(origin, "origin");
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1, was " + maxSteps);
        }
    }
}
