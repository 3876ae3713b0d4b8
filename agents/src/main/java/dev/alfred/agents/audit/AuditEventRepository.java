package dev.alfred.agents.audit;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

/**
 * Audit events: insert and read only. The application never updates or deletes one, and this interface offers no
 * way to (a test checks that it stays so).
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditEventRepository extends GenericRepository<AuditEvent, UUID> {

    AuditEvent save(AuditEvent event);

    List<AuditEvent> findByRunIdOrderByCreatedAt(String runId);

    List<AuditEvent> findByKindOrderByCreatedAt(String kind);
}
