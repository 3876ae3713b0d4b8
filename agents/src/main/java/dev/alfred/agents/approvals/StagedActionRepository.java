package dev.alfred.agents.approvals;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Staged actions. Every status change is a compare-and-set returning the rows changed (0 or 1). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StagedActionRepository extends CrudRepository<StagedAction, String> {

    Optional<StagedAction> findByRunIdAndToolCallId(String runId, String toolCallId);

    List<StagedAction> findByRunIdOrderByCreatedAt(String runId);

    @Query("SELECT * FROM staged_actions WHERE status = 'PENDING' ORDER BY created_at")
    List<StagedAction> findPending();

    @Query("SELECT * FROM staged_actions WHERE status = 'PENDING' AND expires_at < :now ORDER BY expires_at")
    List<StagedAction> findDue(Instant now);

    /**
     * PENDING → {@code to}, recording who decided, when, and why; edited arguments and the approvals only when
     * given.
     */
    @Query("UPDATE staged_actions SET status = :to, decided_by = :userId, decided_at = :now, "
            + "decision_note = :note, edited_arguments = COALESCE(:editedArguments, edited_arguments), "
            + "approved_by = COALESCE(:approvedBy, approved_by) WHERE id = :id AND status = 'PENDING'")
    int decide(String id, String to, @Nullable String userId, @Nullable String note, @Nullable String editedArguments,
            @Nullable String approvedBy, Instant now);

    /**
     * Takes the row lock of one action for the rest of the transaction, so decisions on it are serialised (two
     * approvers clicking together both get counted). Changes nothing.
     *
     * @return 1 when the action exists
     */
    @Query("UPDATE staged_actions SET status = status WHERE id = :id")
    int lock(String id);

    /** Records the approvals counted so far on a PENDING action (and edited arguments, when given). */
    @Query("UPDATE staged_actions SET approved_by = :approvedBy, "
            + "edited_arguments = COALESCE(:editedArguments, edited_arguments) WHERE id = :id AND status = 'PENDING'")
    int recordApprovals(String id, String approvedBy, @Nullable String editedArguments);

    @Query("SELECT * FROM staged_actions WHERE status = 'PENDING' AND reminded_at IS NULL AND remind_at < :now "
            + "ORDER BY remind_at")
    List<StagedAction> findRemindersDue(Instant now);

    /** Marks the reminder of a PENDING action posted, once. */
    @Query("UPDATE staged_actions SET reminded_at = :now WHERE id = :id AND status = 'PENDING' "
            + "AND reminded_at IS NULL")
    int markReminded(String id, Instant now);

    /** Any status {@code from} → {@code to}. */
    @Query("UPDATE staged_actions SET status = :to WHERE id = :id AND status = :from")
    int transition(String id, String from, String to);

    @Query("UPDATE staged_actions SET status = 'EXECUTED', result = :result, executed_at = :now "
            + "WHERE id = :id AND status = 'EXECUTING'")
    int markExecuted(String id, String result, Instant now);

    @Query("UPDATE staged_actions SET card_message_ts = :cardMessageTs WHERE id = :id")
    int updateCardMessageTs(String id, String cardMessageTs);

    /** Withdraws every open action of a run; returns how many. */
    @Query("UPDATE staged_actions SET status = 'WITHDRAWN' WHERE run_id = :runId AND status = 'PENDING'")
    int withdrawOpen(String runId);
}
