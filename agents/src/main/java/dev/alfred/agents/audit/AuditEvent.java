package dev.alfred.agents.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * One append-only audit record. The kinds are listed on {@link AuditLog}.
 *
 * @param runId       the run it concerns, or {@code null} for events outside a run (a refused command)
 * @param kind        what happened, e.g. {@code tool.call} or {@code approval.approved}
 * @param actorUserId the Slack user who acted, if a person did
 * @param stepNo      the run's step it belongs to, if any
 * @param detail      what happened, in words
 * @param data        the same as a JSON object, for machines (model, tokens, decision, rule id, …), if any
 */
@MappedEntity("audit_events")
public record AuditEvent(@Id UUID id, @Nullable String runId, String kind, @Nullable String actorUserId,
        @Nullable Integer stepNo, @Nullable String detail, @Nullable String data, Instant createdAt) {
}
