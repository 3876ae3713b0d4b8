package dev.alfred.agents.run;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A process that advances runs, as its heartbeat row records it.
 *
 * @param id          the process's id, the prefix of its lease owners ({@link RunLeases#worker()})
 * @param startedAt   when the process started beating
 * @param heartbeatAt its last beat
 */
@MappedEntity("workers")
public record Worker(@Id String id, Instant startedAt, Instant heartbeatAt) {
}
