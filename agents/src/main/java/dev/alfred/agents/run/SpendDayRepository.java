package dev.alfred.agents.run;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The day counters of spend ({@code spend_days}, migration V13): per UTC day, what the model turns of an agent's runs
 * and of the runs a person requested cost, in US dollars. Written only through {@link SpendDays}, which picks the
 * statements that fit the database.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SpendDayRepository extends GenericRepository<SpendDayRepository.DaySpend, LocalDate> {

    /**
     * Adds {@code costUsd} to the agent's and the requester's counters of {@code utcDay}, creating them: one
     * statement, atomic under concurrency on PostgreSQL (a conflicting insert waits for the other transaction, then
     * updates the row it committed). Rows are taken agent first, then requester, in every transaction.
     *
     * @return rows written: 2
     */
    @Query("INSERT INTO spend_days (utc_day, scope, subject, cost_usd) VALUES (:utcDay, 'agent', :agent, :costUsd), "
            + "(:utcDay, 'requester', :userId, :costUsd) ON CONFLICT (utc_day, scope, subject) "
            + "DO UPDATE SET cost_usd = spend_days.cost_usd + EXCLUDED.cost_usd")
    int upsert(LocalDate utcDay, String agent, String userId, BigDecimal costUsd);

    /**
     * Creates the agent's and the requester's counters of {@code utcDay} at 0 unless they exist (for H2, which has
     * {@code ON CONFLICT DO NOTHING} but not {@code DO UPDATE}; safe under concurrency there, unlike H2's
     * {@code MERGE}, which fails with a duplicate key when two transactions create the same row).
     *
     * @return rows created: 0 to 2
     */
    @Query("INSERT INTO spend_days (utc_day, scope, subject, cost_usd) VALUES (:utcDay, 'agent', :agent, 0), "
            + "(:utcDay, 'requester', :userId, 0) ON CONFLICT DO NOTHING")
    int open(LocalDate utcDay, String agent, String userId);

    /**
     * Adds {@code costUsd} to the agent's and the requester's counters of {@code utcDay}, which must exist
     * ({@link #open}); the agent's row is locked first (primary-key order: {@code 'agent' < 'requester'}).
     *
     * @return rows updated: 2 when both exist
     */
    @Query("UPDATE spend_days SET cost_usd = cost_usd + :costUsd WHERE utc_day = :utcDay "
            + "AND (scope = 'agent' AND subject = :agent OR scope = 'requester' AND subject = :userId)")
    int add(LocalDate utcDay, String agent, String userId, BigDecimal costUsd);

    /** @return the agent's and the requester's counters of {@code utcDay} (0 when absent), by primary key */
    @Query("SELECT COALESCE(SUM(CASE WHEN scope = 'agent' THEN cost_usd END), 0) AS agent_usd, "
            + "COALESCE(SUM(CASE WHEN scope = 'requester' THEN cost_usd END), 0) AS requester_usd "
            + "FROM spend_days WHERE utc_day = :utcDay "
            + "AND (scope = 'agent' AND subject = :agent OR scope = 'requester' AND subject = :userId)")
    DaySpend find(LocalDate utcDay, String agent, String userId);

    /**
     * What an agent and a requester spent on one UTC day, in US dollars.
     *
     * @param agentUsd     the agent's
     * @param requesterUsd the requester's
     */
    @Introspected
    record DaySpend(BigDecimal agentUsd, BigDecimal requesterUsd) {
    }
}
