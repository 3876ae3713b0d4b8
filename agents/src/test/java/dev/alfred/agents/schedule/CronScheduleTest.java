package dev.alfred.agents.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Cron text as cron-utils reads it with the Unix definition, and the firings it computes, across DST in two zones. */
class CronScheduleTest {
    private static final Instant WEDNESDAY_10_17_UTC = Instant.parse("2026-03-04T10:17:00Z");

    @ParameterizedTest(name = "{0} in {1} → {2}, {3}")
    @CsvSource(delimiter = '|', textBlock = """
            @hourly       | UTC              | 2026-03-04T11:00Z              | 2026-03-04T12:00Z
            @daily        | UTC              | 2026-03-05T00:00Z              | 2026-03-06T00:00Z
            @DAILY        | UTC              | 2026-03-05T00:00Z              | 2026-03-06T00:00Z
            @weekly       | UTC              | 2026-03-08T00:00Z              | 2026-03-15T00:00Z
            @monthly      | UTC              | 2026-04-01T00:00Z              | 2026-05-01T00:00Z
            */15 * * * *  | UTC              | 2026-03-04T10:30Z              | 2026-03-04T10:45Z
            0 9 * * 1-5   | UTC              | 2026-03-05T09:00Z              | 2026-03-06T09:00Z
            0 9 * * MON   | Europe/Paris     | 2026-03-09T09:00+01:00         | 2026-03-16T09:00+01:00
            0 9 * JAN-MAR 7 | America/New_York | 2026-03-08T09:00-04:00       | 2026-03-15T09:00-04:00
            30 8 1,15 * * | Asia/Tokyo       | 2026-03-15T08:30+09:00         | 2026-04-01T08:30+09:00
            """)
    void parsesTheUnixDefinitionAndItsNicknames(String cron, String zone, String first, String second) {
        List<ZonedDateTime> next = CronSchedule.parse(cron, zone).next(WEDNESDAY_10_17_UTC, 2);

        assertThat(next).extracting(ZonedDateTime::toInstant).containsExactly(ZonedDateTime.parse(first).toInstant(),
                ZonedDateTime.parse(second).toInstant());
        assertThat(next).allSatisfy(time -> assertThat(time.getZone().getId()).isEqualTo(zone));
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            61 * * * *     | Value 61 not in range [0, 59]
            0 24 * * *     | Value 24 not in range [0, 23]
            * * * *        | contains 4 parts
            0 9 L * *      | Invalid chars
            0 9 * * 1#2    | Invalid expression
            a b c d e      | Invalid chars
            @yearly        | not supported
            @reboot        | not supported
            0 0 31 2 *     | never fires
            """)
    void refusesWhatCronUtilsRefusesNamingTheReason(String cron, String reason) {
        assertThatThrownBy(() -> CronSchedule.parse(cron, "UTC")).isInstanceOf(InvalidScheduleException.class)
                .hasMessageStartingWith("`" + cron.strip() + "`").hasMessageContaining(reason);
    }

    @Test
    void refusesAZoneThatIsNotAnIanaName() {
        assertThatThrownBy(() -> CronSchedule.parse("@daily", "Mars/Olympus_Mons"))
                .isInstanceOf(InvalidScheduleException.class).hasMessageContaining("`Mars/Olympus_Mons` is not a time zone");
        assertThatThrownBy(() -> CronSchedule.parse("@daily", "+02:00")).isInstanceOf(InvalidScheduleException.class);
        assertThat(CronSchedule.parse("@daily", "europe/paris").zone().getId()).isEqualTo("Europe/Paris");
    }

    @Test
    void aTimeTheSpringForwardGapSkipsDoesNotFireThatDayInNewYork() {
        List<ZonedDateTime> next = CronSchedule.parse("30 2 * * *", "America/New_York")
                .next(Instant.parse("2026-03-07T17:00:00Z"), 3);

        assertThat(next).extracting(ZonedDateTime::toOffsetDateTime).extracting(Object::toString)
                .containsExactly("2026-03-09T02:30-04:00", "2026-03-10T02:30-04:00", "2026-03-11T02:30-04:00");
    }

    @Test
    void aTimeTheFallBackOverlapRepeatsFiresOnceAtItsFirstOccurrenceInNewYork() {
        List<ZonedDateTime> next = CronSchedule.parse("30 1 * * *", "America/New_York")
                .next(Instant.parse("2026-10-31T16:00:00Z"), 2);

        assertThat(next).extracting(ZonedDateTime::toOffsetDateTime).extracting(Object::toString)
                .containsExactly("2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00");
    }

    @Test
    void subHourlyFiringsKeepTheirRealTimeIntervalThroughBothTransitionsInNewYork() {
        CronSchedule halfHourly = CronSchedule.parse("*/30 * * * *", "America/New_York");

        assertThat(halfHourly.next(Instant.parse("2026-03-08T06:00:00Z"), 3)).extracting(ZonedDateTime::toInstant)
                .extracting(Instant::toString)
                .containsExactly("2026-03-08T06:30:00Z", "2026-03-08T07:00:00Z", "2026-03-08T07:30:00Z");
        assertThat(halfHourly.next(Instant.parse("2026-11-01T04:30:00Z"), 5)).extracting(ZonedDateTime::toInstant)
                .extracting(Instant::toString).containsExactly("2026-11-01T05:00:00Z", "2026-11-01T05:30:00Z",
                        "2026-11-01T06:00:00Z", "2026-11-01T06:30:00Z", "2026-11-01T07:00:00Z");
    }

    @Test
    void theSameRulesHoldInBerlin() {
        CronSchedule daily = CronSchedule.parse("30 2 * * *", "Europe/Berlin");

        assertThat(daily.next(Instant.parse("2026-03-28T11:00:00Z"), 2)).extracting(ZonedDateTime::toOffsetDateTime)
                .extracting(Object::toString).containsExactly("2026-03-30T02:30+02:00", "2026-03-31T02:30+02:00");
        assertThat(daily.next(Instant.parse("2026-10-24T10:00:00Z"), 2)).extracting(ZonedDateTime::toOffsetDateTime)
                .extracting(Object::toString).containsExactly("2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00");
    }

    @Test
    void theLatestFiringAtOrBeforeAnInstantIncludesTheInstantItself() {
        CronSchedule quarterly = CronSchedule.parse("*/15 * * * *", "UTC");

        assertThat(quarterly.latestAtOrBefore(Instant.parse("2026-03-04T10:15:00Z")))
                .contains(Instant.parse("2026-03-04T10:15:00Z"));
        assertThat(quarterly.latestAtOrBefore(Instant.parse("2026-03-04T10:14:59.900Z")))
                .contains(Instant.parse("2026-03-04T10:00:00Z"));
        assertThat(quarterly.latestAtOrBefore(Instant.parse("2026-03-04T10:29:30Z")))
                .contains(Instant.parse("2026-03-04T10:15:00Z"));
        assertThat(quarterly.nextAfter(Instant.parse("2026-03-04T10:15:00Z")))
                .contains(Instant.parse("2026-03-04T10:30:00Z"));
    }
}
