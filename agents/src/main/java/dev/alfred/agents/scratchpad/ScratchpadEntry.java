package dev.alfred.agents.scratchpad;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * One scratchpad value of a family of runs.
 *
 * @param rootRunId  the family's root run
 * @param entryKey   {@code scratch.<runId>.<name>} or {@code shared.<name>}
 * @param entryValue the text stored
 * @param writtenBy  the run that wrote it (for {@code shared.*}: the run that promoted it)
 */
@MappedEntity("scratchpad_entries")
public record ScratchpadEntry(@Id UUID id, String rootRunId, String entryKey, String entryValue, String writtenBy,
        Instant updatedAt) {
}
