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

    /** @return the run's entries from position {@code seq} on, in order */
    List<TranscriptEntry> findByRunIdAndSeqGreaterThanEqualOrderBySeqAsc(String runId, int seq);

    /**
     * @return how many entries the run's transcript has: the {@code seq} of the next one (entries are numbered from
     *     0 without gaps), counted in the database instead of reading the whole transcript at every commit
     */
    int countByRunId(String runId);

    /**
     * Appends an entry at the end of the run's transcript in one statement: its {@code seq} is the run's entry count
     * ({@link #countByRunId}), counted by the insert itself. Two appends racing for one position fail on the
     * {@code transcript_entries_key} unique constraint, as two saves would.
     *
     * @param role a {@link TranscriptRole} name
     * @return 1
     */
    @io.micronaut.data.annotation.Query("INSERT INTO transcript_entries (id, run_id, seq, step_no, role, content, "
            + "tool_calls, tool_call_id, tool_name, created_at, covers_seq) SELECT :id, :runId, COUNT(*), :stepNo, "
            + ":role, :content, :toolCalls, :toolCallId, :toolName, :now, NULL FROM transcript_entries "
            + "WHERE run_id = :runId")
    int appendNext(UUID id, String runId, int stepNo, String role,
            @io.micronaut.core.annotation.Nullable String content,
            @io.micronaut.core.annotation.Nullable String toolCalls,
            @io.micronaut.core.annotation.Nullable String toolCallId,
            @io.micronaut.core.annotation.Nullable String toolName, java.time.Instant now);
}
