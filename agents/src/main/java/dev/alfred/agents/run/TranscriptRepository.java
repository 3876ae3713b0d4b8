package dev.alfred.agents.run;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.UUID;

/** Transcript entries of runs. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TranscriptRepository extends CrudRepository<TranscriptEntry, UUID> {

    /** @return the run's transcript in order */
    List<TranscriptEntry> findByRunIdOrderBySeqAsc(String runId);

    /**
     * @return how many entries the run's transcript has: the {@code seq} of the next one (entries are numbered from
     *     0 without gaps), counted in the database instead of reading the whole transcript at every commit
     */
    int countByRunId(String runId);
}
