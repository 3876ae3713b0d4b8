package dev.alfred.agents.approvals;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * One append-only audit record, e.g. kind {@code approval.approved} or {@code approval.refused}.
 *
 * @param actorUserId the Slack user who acted, if a person did
 * @param detail      what happened, in words or JSON
 */
@MappedEntity("audit_events")
public record AuditEvent(@Id UUID id, @Nullable String runId, String kind, @Nullable String actorUserId,
        @Nullable String detail, Instant createdAt) {
}
