package dev.alfred.agents.runs;

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
}
