package dev.alfred.bot.slack.blocks;

import dev.alfred.agents.schedule.Schedule;
import dev.alfred.agents.schedule.ScheduleStatus;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Slack mrkdwn about schedules: the answer to {@code schedule add}, one line per schedule for {@code schedule list}
 * and App Home, and the notice of a schedule that paused itself. Side-effect free; text from people is escaped.
 */
public final class ScheduleTexts {
    /** A firing time as people read it in the schedule's zone, e.g. {@code Mon 2026-03-09 09:00 CET}. */
    public static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm zzz", Locale.ENGLISH);
    /** Characters of a task shown in a list line. */
    static final int TASK_CHARS = 80;

    private ScheduleTexts() {
    }

    /** @return the answer to a stored {@code schedule add}: the id, what it runs, and its next firings */
    public static String added(Schedule schedule, List<ZonedDateTime> next) {
        return ":alarm_clock: Added schedule `" + schedule.id() + "`: `" + SlackText.escape(schedule.cron()) + "` ("
                + SlackText.escape(schedule.zone()) + "), agent *" + SlackText.escape(schedule.agent()) + "*, in <#"
                + schedule.channelId() + ">: " + SlackText.escape(cut(schedule.task(), 300)) + "\nNext firings: "
                + next.stream().map(WHEN::format).collect(Collectors.joining(", ")) + ".\nEach firing runs as you. "
                + "`/alfred schedule pause " + schedule.id() + "` stops it; `/alfred schedule run " + schedule.id()
                + "` runs it now.";
    }

    /**
     * @param next the schedule's next firing in its zone, or null when it has none (paused)
     * @return one line for a list of schedules
     */
    public static String line(Schedule schedule, ZonedDateTime next) {
        String state = schedule.status() == ScheduleStatus.PAUSED ? "*paused* (" + SlackText.escape(
                schedule.pausedReason() == null ? "paused" : schedule.pausedReason()) + ")"
                : "next " + (next == null ? "never" : WHEN.format(next));
        String last = schedule.lastOutcome() == null ? (schedule.lastRunId() == null ? "" : " · last run `"
                + schedule.lastRunId() + "` under way") : " · last " + schedule.lastOutcome().toLowerCase(Locale.ROOT)
                + (schedule.lastRunId() == null ? "" : " (run `" + schedule.lastRunId() + "`)");
        return "• `" + schedule.id() + "` `" + SlackText.escape(schedule.cron()) + "` " + SlackText.escape(
                schedule.zone()) + " · *" + SlackText.escape(schedule.agent()) + "* in <#" + schedule.channelId()
                + "> · " + state + last + " — " + SlackText.escape(cut(schedule.task().replaceAll("\\s+", " "),
                TASK_CHARS));
    }

    /** @return the channel notice of a schedule that paused itself after repeated failures */
    public static String autoPaused(Schedule schedule, String lastRunId) {
        return ":double_vertical_bar: Schedule `" + schedule.id() + "` (" + SlackText.escape(cut(schedule.task(), 200))
                + ") paused itself: its last " + schedule.consecutiveFailures() + " runs failed (the last was run `"
                + lastRunId + "`). <@" + schedule.creatorUserId() + ">, `/alfred schedule resume " + schedule.id()
                + "` lets it fire again.";
    }

    private static String cut(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit) + "…";
    }
}
