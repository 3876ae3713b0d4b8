package dev.alfred.agents.approvals;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.UUID;

/** Run inputs. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RunInputRepository extends CrudRepository<RunInput, UUID> {

    @Query("SELECT * FROM run_inputs WHERE run_id = :runId AND consumed = FALSE ORDER BY created_at")
    List<RunInput> findUnconsumed(String runId);

    @Query("UPDATE run_inputs SET consumed = TRUE WHERE id = :id AND consumed = FALSE")
    int consume(UUID id);
}
