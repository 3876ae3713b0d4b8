package dev.alfred.agents.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.definition.CronNicknames;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A cron expression in a time zone, parsed and evaluated by cron-utils (not by us): cron-utils' Unix definition
 * (minute, hour, day-of-month, month, day-of-week; names like {@code MON} and {@code JAN}; day-of-week 0 or 7 for
 * Sunday; a restricted day-of-month and day-of-week match either, as Vixie cron does) plus its nicknames
 * {@code @hourly} ({@code 0 * * * *}), {@code @daily} ({@code 0 0 * * *}), {@code @weekly} ({@code 0 0 * * 0}) and
 * {@code @monthly} ({@code 0 0 1 * *}).
 *
 * <p>Daylight-saving time is as cron-utils computes it in the zone, pinned by {@code CronScheduleTest}: a wall-clock
 * time that a spring-forward gap skips does not fire that day (a daily {@code 30 2 * * *} in New York skips
 * 2026-03-08); a time that a fall-back overlap repeats fires once, at its first occurrence; sub-hourly expressions
 * keep firing every interval of real time through the overlap.
 */
public final class CronSchedule {
    /** cron-utils' Unix definition with the four nicknames the contract allows (DESIGN.md section 4, Schedules). */
    static final CronDefinition DEFINITION;
    private static final CronParser PARSER;
    /** What the person is told a cron expression may be. */
    static final String SHAPE = "five fields (minute hour day-of-month month day-of-week, e.g. `0 9 * * 1-5`) or "
            + "`@hourly`, `@daily`, `@weekly`, `@monthly`";

    static {
        CronDefinition unix = CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);
        DEFINITION = new CronDefinition(new ArrayList<>(unix.getFieldDefinitions()), unix.getCronConstraints(),
                EnumSet.of(CronNicknames.HOURLY, CronNicknames.DAILY, CronNicknames.WEEKLY, CronNicknames.MONTHLY),
                unix.isMatchDayOfWeekAndDayOfMonth());
        PARSER = new CronParser(DEFINITION);
    }

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime execution;

    private CronSchedule(String expression, ZoneId zone, ExecutionTime execution) {
        this.expression = expression;
        this.zone = zone;
        this.execution = execution;
    }

    /**
     * @param expression five cron fields or a nickname; a nickname's case does not matter
     * @param zone       an IANA zone name ({@link Zones#of})
     * @return the schedule
     * @throws InvalidScheduleException naming what is wrong: the text cron-utils refuses (with its reason), an
     *                                  expression that never fires (e.g. {@code 0 0 31 2 *}), or an unknown zone
     */
    public static CronSchedule parse(String expression, String zone) {
        ZoneId zoneId = Zones.of(zone);
        String text = expression.strip().replaceAll("\\s+", " ");
        if (text.startsWith("@")) {
            text = text.toLowerCase(Locale.ROOT);
        }
        Cron cron;
        try {
            cron = PARSER.parse(text).validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidScheduleException("`" + text + "` is not a cron expression I can use ("
                    + e.getMessage().strip() + "); write " + SHAPE + ".");
        }
        CronSchedule schedule = new CronSchedule(text, zoneId, ExecutionTime.forCron(cron));
        if (schedule.nextAfter(Instant.EPOCH).isEmpty()) {
            throw new InvalidScheduleException("`" + text + "` never fires (no date matches it).");
        }
        return schedule;
    }

    /** @return the expression as given (nicknames in lower case) */
    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    /** @return the first firing strictly after {@code after}; empty when there is none */
    public Optional<Instant> nextAfter(Instant after) {
        return execution.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    /** @return the last firing at or before {@code at}; empty when there is none */
    public Optional<Instant> latestAtOrBefore(Instant at) {
        ZonedDateTime probe = at.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).atZone(zone);
        return execution.lastExecution(probe).map(ZonedDateTime::toInstant).filter(last -> !last.isAfter(at));
    }

    /** @return the next {@code count} firings strictly after {@code after}, in the schedule's zone */
    public List<ZonedDateTime> next(Instant after, int count) {
        List<ZonedDateTime> firings = new ArrayList<>();
        Optional<Instant> next = nextAfter(after);
        while (next.isPresent() && firings.size() < count) {
            firings.add(next.get().atZone(zone));
            next = nextAfter(next.get());
        }
        return firings;
    }
}
