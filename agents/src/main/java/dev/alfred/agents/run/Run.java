package dev.alfred.agents.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One agent working one task. The conversation reference ({@code channelId}, {@code threadTs}) is opaque here: the
 * agents module never talks to Slack, it only carries where to report.
 *
 * @param id              short run id shown to people, e.g. {@code k3v9x2qa} (see {@link RunIds})
 * @param agent           codename of the agent working the run
 * @param task            the task text as the requester typed it
 * @param stepCount       number of the last committed step; 0 before the first
 * @param maxSteps        the step limit after which the run fails
 * @param leaseOwner      the worker currently advancing the run, if any
 * @param leaseExpiresAt  when that worker's claim lapses
 * @param spendUsd        what the run's model turns, and its sub-runs', have cost so far, in US dollars (unpriced
 *                        models count 0)
 * @param budgetUsd       the run's own spend cap in US dollars, or null for the configured default
 *                        ({@code alfred.spend.run-cap})
 * @param allowanceUsd    extensions people granted on top of whichever cap stopped the run, in US dollars
 * @param blockKind       why a {@code BLOCKED} run is blocked: {@link BlockKind} name, else null
 * @param blockReason     the same in a sentence, for status and the thread
 * @param parentRunId     for a sub-run started by {@code delegate}: the run that delegated; null for a root run
 * @param parentCallId    for a sub-run: the parent's {@code delegate} tool call this run answers
 * @param origin          where the run came from ({@link RunOrigin}), e.g. {@code slash_command} or
 *                        {@code schedule:<id>}; a sub-run has its root's
 */
@MappedEntity("runs")
public record Run(
        @Id String id,
        String agent,
        String task,
        RunStatus status,
        @Nullable String teamId,
        String channelId,
        @Nullable String threadTs,
        @Nullable String statusMessageTs,
        String requesterUserId,
        int stepCount,
        int maxSteps,
        @Nullable String finalAnswer,
        @Nullable String failureReason,
        @Nullable String leaseOwner,
        @Nullable Instant leaseExpiresAt,
        Instant createdAt,
        @Nullable Instant startedAt,
        Instant updatedAt,
        @Nullable Instant finishedAt,
        BigDecimal spendUsd,
        @Nullable BigDecimal budgetUsd,
        BigDecimal allowanceUsd,
        @Nullable String blockKind,
        @Nullable String blockReason,
        @Nullable String parentRunId,
        @Nullable String parentCallId,
        String origin) {

    /** The canonical constructor, the one Micronaut Data maps rows with. */
    @io.micronaut.core.annotation.Creator
    public Run {
    }

    /** A run recorded before runs had an origin, or by code that does not name one: a slash command's. */
    public Run(String id, String agent, String task, RunStatus status, @Nullable String teamId, String channelId,
            @Nullable String threadTs, @Nullable String statusMessageTs, String requesterUserId, int stepCount,
            int maxSteps, @Nullable String finalAnswer, @Nullable String failureReason, @Nullable String leaseOwner,
            @Nullable Instant leaseExpiresAt, Instant createdAt, @Nullable Instant startedAt, Instant updatedAt,
            @Nullable Instant finishedAt, BigDecimal spendUsd, @Nullable BigDecimal budgetUsd, BigDecimal allowanceUsd,
            @Nullable String blockKind, @Nullable String blockReason, @Nullable String parentRunId,
            @Nullable String parentCallId) {
        this(id, agent, task, status, teamId, channelId, threadTs, statusMessageTs, requesterUserId, stepCount,
                maxSteps, finalAnswer, failureReason, leaseOwner, leaseExpiresAt, createdAt, startedAt, updatedAt,
                finishedAt, spendUsd, budgetUsd, allowanceUsd, blockKind, blockReason, parentRunId, parentCallId,
                RunOrigin.SLASH_COMMAND);
    }

    /** @return whether this run was started by another run's {@code delegate} call */
    public boolean isSubRun() {
        return parentRunId != null;
    }
}
