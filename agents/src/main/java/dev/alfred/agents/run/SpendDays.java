package dev.alfred.agents.run;

import dev.alfred.agents.run.SpendDayRepository.DaySpend;
import dev.alfred.agents.schema.Databases;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * The one owner of the spend day counters ({@link SpendDayRepository}): {@link RunStore} adds each model turn's cost
 * in the transaction that records it, and the spend gate reads them. Days are UTC days, as the day caps are.
 */
@Singleton
public class SpendDays {
    private final SpendDayRepository counters;
    private final DataSource dataSource;
    private volatile Boolean postgres;

    public SpendDays(SpendDayRepository counters, DataSource dataSource) {
        this.counters = counters;
        this.dataSource = dataSource;
    }

    /**
     * Adds a model turn's cost to its run's agent's and requester's counters of the UTC day of {@code finishedAt};
     * joins the caller's transaction. Nothing is written for a cost of 0. On PostgreSQL one upsert
     * ({@link SpendDayRepository#upsert}); on H2, which has no {@code ON CONFLICT DO UPDATE}, the rows are created at
     * 0 if needed and then incremented ({@link SpendDayRepository#open}, {@link SpendDayRepository#add}).
     *
     * @param run        the run the turn belongs to (its own agent and requester, not a parent's)
     * @param finishedAt when the turn finished, as recorded on its step
     * @param costUsd    US dollars
     * @throws IllegalStateException when the database cannot be asked what it is
     */
    @Transactional
    public void add(Run run, Instant finishedAt, BigDecimal costUsd) {
        if (costUsd.signum() == 0) {
            return;
        }
        LocalDate day = utcDay(finishedAt);
        if (isPostgres()) {
            counters.upsert(day, run.agent(), run.requesterUserId(), costUsd);
        } else {
            counters.open(day, run.agent(), run.requesterUserId());
            counters.add(day, run.agent(), run.requesterUserId(), costUsd);
        }
    }

    /** @return what the agent and the requester spent on the UTC day of {@code at}: one primary-key query */
    @Transactional(readOnly = true)
    public DaySpend on(Instant at, String agent, String userId) {
        return counters.find(utcDay(at), agent, userId);
    }

    /** @return the UTC calendar day of {@code instant} */
    public static LocalDate utcDay(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            known = Databases.isPostgres(dataSource);
            postgres = known;
        }
        return known;
    }
}
