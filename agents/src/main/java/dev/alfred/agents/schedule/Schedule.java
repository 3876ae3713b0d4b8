package dev.alfred.agents.schedule;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A task that runs by itself at the times a cron expression names, in a channel, on behalf of its creator (whose
 * policy and approvers apply to its runs).
 *
 * @param id                  short id shown to people (as run ids are made, {@code RunIds})
 * @param cron                five cron fields or a nickname ({@link CronSchedule})
 * @param zone                the IANA zone the cron expression is read in
 * @param agent               codename of the agent that works each run
 * @param task                the task text of each run
 * @param channelId           Slack channel each firing posts its root message in
 * @param creatorUserId       the person who added it: each run's requester
 * @param pausedReason        why a {@code PAUSED} schedule is paused, in a sentence; null when active
 * @param nextFireAt          the next firing not taken yet; null while paused
 * @param lastRunId           the run the last firing started, if any
 * @param lastOutcome         how that run ended ({@code SUCCEEDED}, {@code FAILED}, {@code CANCELLED}), or
 *                            {@code SKIPPED}; null before the first firing or while the run is under way
 * @param consecutiveFailures failed runs in a row; a success resets it
 */
@MappedEntity("schedules")
public record Schedule(
        @Id String id,
        String cron,
        String zone,
        String agent,
        String task,
        @Nullable String teamId,
        String channelId,
        String creatorUserId,
        ScheduleStatus status,
        @Nullable String pausedReason,
        @Nullable Instant nextFireAt,
        @Nullable String lastRunId,
        @Nullable String lastOutcome,
        int consecutiveFailures,
        Instant createdAt,
        Instant updatedAt) {

    /** @return the parsed cron expression in the schedule's zone */
    public CronSchedule cronSchedule() {
        return CronSchedule.parse(cron, zone);
    }
}
