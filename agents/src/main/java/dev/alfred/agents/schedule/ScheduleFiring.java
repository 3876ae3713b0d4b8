package dev.alfred.agents.schedule;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * One {@code (schedule, firing time)} taken by a dispatcher; the pair is unique, which is what makes a firing happen
 * once across replicas.
 *
 * @param outcome {@link #STARTED} (with {@code runId}) or {@link #SKIPPED} (with why in {@code detail})
 */
@MappedEntity("schedule_firings")
public record ScheduleFiring(@Id UUID id, String scheduleId, Instant fireAt, String outcome, @Nullable String runId,
        @Nullable String detail, Instant createdAt) {
    /** The firing started a run. */
    public static final String STARTED = "STARTED";
    /** The firing started nothing. */
    public static final String SKIPPED = "SKIPPED";
}
