package dev.alfred.agents.approvals;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A thread reply kept as new input for the run's next model turn. */
@MappedEntity("run_inputs")
public record RunInput(@Id UUID id, String runId, String userId, String text, @Nullable String messageTs,
        boolean consumed, Instant createdAt) {
}
