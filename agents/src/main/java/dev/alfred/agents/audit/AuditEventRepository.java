package dev.alfred.agents.audit;

import io.micronaut.data.annotation.Query;
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

    /** @return the run's events in insertion order */
    @Query("SELECT * FROM audit_events WHERE run_id = :runId ORDER BY seq")
    List<AuditEvent> findByRunIdInOrder(String runId);

    /** @return events of one kind in insertion order */
    @Query("SELECT * FROM audit_events WHERE kind = :kind ORDER BY seq")
    List<AuditEvent> findByKindInOrder(String kind);
}
