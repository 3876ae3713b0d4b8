package dev.alfred.agents.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Step attempts of runs. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StepRepository extends CrudRepository<Step, UUID> {

    /** @return the run's step attempts ordered by step number, then attempt */
    @Query("SELECT * FROM run_steps WHERE run_id = :runId ORDER BY step_no, attempt")
    List<Step> findByRunIdOrdered(String runId);

    /** @return the highest attempt number recorded for that step, or 0 */
    @Query("SELECT COALESCE(MAX(attempt), 0) FROM run_steps WHERE run_id = :runId AND step_no = :stepNo")
    int maxAttempt(String runId, int stepNo);

    @Query("UPDATE run_steps SET status = :status, error = :error, input_tokens = :inputTokens, "
            + "output_tokens = :outputTokens, finished_at = :now WHERE id = :id")
    int finish(UUID id, String status, @Nullable String error, @Nullable Integer inputTokens,
            @Nullable Integer outputTokens, Instant now);

    /** Marks a model turn succeeded with its tokens, model, cost and whether the model was priced. */
    @Query("UPDATE run_steps SET status = 'SUCCEEDED', error = NULL, input_tokens = :inputTokens, "
            + "output_tokens = :outputTokens, model = :model, cost_usd = :costUsd, priced = :priced, "
            + "finished_at = :now WHERE id = :id")
    int finishTurn(UUID id, @Nullable Integer inputTokens, @Nullable Integer outputTokens, String model,
            java.math.BigDecimal costUsd, boolean priced, Instant now);

    /** @return spend per agent over model turns finished since {@code since}, by agent name */
    @Query("SELECT r.agent AS agent, COALESCE(SUM(s.cost_usd), 0) AS cost_usd, "
            + "COALESCE(SUM(s.input_tokens), 0) AS input_tokens, COALESCE(SUM(s.output_tokens), 0) AS output_tokens, "
            + "COUNT(*) AS turns FROM run_steps s JOIN runs r ON r.id = s.run_id "
            + "WHERE s.cost_usd IS NOT NULL AND s.finished_at >= :since GROUP BY r.agent ORDER BY r.agent")
    List<AgentSpend> spendByAgentSince(Instant since);

    /** @return names of the models that answered turns since {@code since} without a price, sorted */
    @Query("SELECT DISTINCT model FROM run_steps WHERE priced = FALSE AND finished_at >= :since ORDER BY model")
    List<String> unpricedModelsSince(Instant since);

    /**
     * One row of {@link #spendByAgentSince}.
     *
     * @param costUsd US dollars
     * @param turns   model turns counted
     */
    @io.micronaut.core.annotation.Introspected
    record AgentSpend(String agent, java.math.BigDecimal costUsd, long inputTokens, long outputTokens, long turns) {
    }
}
