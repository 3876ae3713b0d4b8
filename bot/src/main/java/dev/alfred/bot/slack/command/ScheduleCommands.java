package dev.alfred.bot.slack.command;

import dev.alfred.agents.schedule.FiringResult;
import dev.alfred.agents.schedule.InvalidScheduleException;
import dev.alfred.agents.schedule.Schedule;
import dev.alfred.agents.schedule.ScheduleFirings;
import dev.alfred.agents.schedule.ScheduleSpec;
import dev.alfred.agents.schedule.ScheduleStatus;
import dev.alfred.agents.schedule.Schedules;
import dev.alfred.bot.slack.blocks.ScheduleTexts;
import dev.alfred.bot.slack.blocks.SlackText;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /alfred schedule add|list|pause|resume|delete|run}: the ephemeral answers, in Slack mrkdwn. {@code add} is
 * governed by the policy's {@code task} rule (checked before, as for {@code task}); pausing, resuming, deleting and
 * running a schedule is open to its creator and to those the {@code control} rule admits.
 */
@Singleton
public class ScheduleCommands {
    /** Firings shown after {@code add}. */
    static final int NEXT_SHOWN = 3;
    /** Schedules listed at most; the rest are counted. */
    static final int LISTED = 40;
    static final String USAGE = "`/alfred schedule add <cron> [zone] [@agent] <task>` (cron: five fields such as "
            + "`0 9 * * 1-5`, or `@hourly`, `@daily`, `@weekly`, `@monthly`; zone: an IANA name, default UTC), "
            + "`/alfred schedule list`, `/alfred schedule pause|resume|delete|run <id>`.";

    private final Schedules schedules;
    private final ScheduleFirings firings;
    private final CommandAccess access;
    private final Clock clock;

    public ScheduleCommands(Schedules schedules, ScheduleFirings firings, CommandAccess access, Clock clock) {
        this.schedules = schedules;
        this.firings = firings;
        this.access = access;
        this.clock = clock;
    }

    /**
     * @param text        what follows {@code schedule}
     * @param deliveryKey the command's de-duplication key ({@code slack:command:<trigger_id>}), for {@code run}
     * @return the ephemeral answer
     */
    public String handle(String text, @Nullable String teamId, String channelId, String userId, String deliveryKey) {
        String[] words = text.strip().split("\\s+", 2);
        String verb = words[0].toLowerCase(Locale.ROOT);
        String rest = words.length > 1 ? words[1].strip() : "";
        return switch (verb) {
            case "add" -> add(rest, teamId, channelId, userId);
            case "list" -> list();
            case "pause", "resume", "delete", "run" -> rest.isEmpty() ? "Which schedule? `/alfred schedule " + verb
                    + " <id>`; `/alfred schedule list` shows the ids." : change(verb, rest.split("\\s+")[0],
                    channelId, userId, deliveryKey);
            default -> (verb.isEmpty() ? "" : "I don't know `schedule " + SlackText.escape(verb) + "`. ") + "Use "
                    + USAGE;
        };
    }

    private String add(String text, @Nullable String teamId, String channelId, String userId) {
        try {
            Schedule schedule = schedules.add(ScheduleSpec.parse(text), teamId, channelId, userId);
            return ScheduleTexts.added(schedule, schedule.cronSchedule().next(clock.instant(), NEXT_SHOWN));
        } catch (InvalidScheduleException e) {
            return ":warning: " + SlackText.escape(e.getMessage()) + " Nothing was stored.\nUse " + USAGE;
        }
    }

    /** @return every schedule, one line each (also App Home's list) */
    public String list() {
        List<Schedule> all = schedules.list();
        if (all.isEmpty()) {
            return "No schedules yet. " + USAGE;
        }
        StringBuilder text = new StringBuilder("*Schedules (" + all.size() + "):*");
        for (Schedule schedule : all.subList(0, Math.min(LISTED, all.size()))) {
            text.append('\n').append(ScheduleTexts.line(schedule, next(schedule)));
        }
        if (all.size() > LISTED) {
            text.append("\n… and ").append(all.size() - LISTED).append(" more.");
        }
        return text.toString();
    }

    private String change(String verb, String id, String channelId, String userId, String deliveryKey) {
        Optional<Schedule> schedule = schedules.find(id);
        if (schedule.isEmpty()) {
            return "There is no schedule `" + SlackText.escape(id) + "`; `/alfred schedule list` shows them.";
        }
        if (!userId.equals(schedule.get().creatorUserId())
                && access.wouldRefuse("pause", userId, channelId).isPresent()) {
            return ":no_entry: Only <@" + schedule.get().creatorUserId() + ">, who added schedule `" + id
                    + "`, or those the policy lets use `/alfred pause` may " + verb + " it.";
        }
        return switch (verb) {
            case "pause" -> schedules.pause(id, userId) ? ":double_vertical_bar: Paused schedule `" + id
                    + "`; `/alfred schedule resume " + id + "` lets it fire again." : "Schedule `" + id
                    + "` was already paused; nothing changed.";
            case "resume" -> schedules.resume(id, userId) ? ":arrow_forward: Resumed schedule `" + id + "`; next "
                    + "firing " + Optional.ofNullable(next(schedules.find(id).orElseThrow()))
                    .map(ScheduleTexts.WHEN::format).orElse("never") + "." : "Schedule `" + id
                    + "` was not paused; nothing changed.";
            case "delete" -> schedules.delete(id, userId) ? ":wastebasket: Deleted schedule `" + id + "`; the runs it "
                    + "started stay." : "There is no schedule `" + id + "`.";
            default -> run(schedule.get(), userId, deliveryKey);
        };
    }

    private String run(Schedule schedule, String userId, String deliveryKey) {
        FiringResult result = firings.fireNow(schedule.id(), deliveryKey, userId, clock.instant());
        if (result instanceof FiringResult.Started started) {
            return ":arrow_forward: Running schedule `" + schedule.id() + "` now: run `" + started.run().id()
                    + "` in <#" + schedule.channelId() + ">, on behalf of <@" + schedule.creatorUserId() + ">.";
        }
        if (result instanceof FiringResult.Skipped skipped) {
            return "Not now: " + SlackText.escape(skipped.reason()) + ".";
        }
        return "I already have this request.";
    }

    @Nullable
    private ZonedDateTime next(Schedule schedule) {
        return schedule.status() != ScheduleStatus.ACTIVE || schedule.nextFireAt() == null ? null
                : schedule.nextFireAt().atZone(java.time.ZoneId.of(schedule.zone()));
    }
}
