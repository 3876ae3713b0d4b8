package dev.alfred.agents.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One attempt at one step of a run. {@code (runId, stepNo, attempt)} is unique: step numbers only grow, and a retried
 * step gets a new attempt number instead of reusing an old row.
 */
@MappedEntity("run_steps")
public record Step(
        @Id UUID id,
        String runId,
        int stepNo,
        int attempt,
        StepKind kind,
        @Nullable String toolName,
        @Nullable String toolCallId,
        StepStatus status,
        @Nullable String error,
        @Nullable Integer inputTokens,
        @Nullable Integer outputTokens,
        Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable String model,
        @Nullable BigDecimal costUsd,
        @Nullable Boolean priced) {
}
