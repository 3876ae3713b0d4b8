package dev.alfred.agents.approvals;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

/** Audit events: insert and read only; the application never updates or deletes one. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditEventRepository extends GenericRepository<AuditEvent, UUID> {

    AuditEvent save(AuditEvent event);

    List<AuditEvent> findByRunIdOrderByCreatedAt(String runId);
}
