package dev.alfred.agents.scratchpad;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Scratchpad entries, by family. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ScratchpadRepository extends CrudRepository<ScratchpadEntry, UUID> {

    /** @return the entry with that key in the family, if written */
    Optional<ScratchpadEntry> findByRootRunIdAndEntryKey(String rootRunId, String entryKey);

    /** @return the family's entries, by key */
    @Query("SELECT * FROM scratchpad_entries WHERE root_run_id = :rootRunId ORDER BY entry_key")
    List<ScratchpadEntry> findFamily(String rootRunId);

    /** Replaces an entry's value; returns 1 when the entry existed. */
    @Query("UPDATE scratchpad_entries SET entry_value = :entryValue, written_by = :writtenBy, updated_at = :now "
            + "WHERE root_run_id = :rootRunId AND entry_key = :entryKey")
    int replace(String rootRunId, String entryKey, String entryValue, String writtenBy, Instant now);
}
