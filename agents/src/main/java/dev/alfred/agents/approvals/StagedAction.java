package dev.alfred.agents.approvals;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A tool call staged for approval.
 *
 * @param id              short id, the {@code value} of the approval card's buttons
 * @param arguments       the exact arguments the model sent, as JSON
 * @param editedArguments the arguments a person edited before approving, as JSON, if any
 * @param argumentsHash   SHA-256 (hex) of {@code arguments}
 * @param risk            the tool's risk tier, wire name
 * @param ruleId          the policy rule that required approval
 * @param rationale       what the model said alongside the call, if anything
 * @param decisionNote    the reason given with a rejection, if any
 * @param cardMessageTs   {@code ts} of the approval card in the run's thread
 * @param result          the tool result once executed
 */
@MappedEntity("staged_actions")
public record StagedAction(
        @Id String id,
        String runId,
        int stepNo,
        String toolCallId,
        String toolName,
        String arguments,
        @Nullable String editedArguments,
        String argumentsHash,
        String risk,
        String ruleId,
        @Nullable String rationale,
        String requesterUserId,
        StagedActionStatus status,
        @Nullable String decidedBy,
        @Nullable Instant decidedAt,
        @Nullable String decisionNote,
        @Nullable String cardMessageTs,
        @Nullable String result,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant executedAt) {

    /** @return the arguments the call runs with: the edited ones if a person edited them */
    public String effectiveArguments() {
        return editedArguments != null ? editedArguments : arguments;
    }

    /** @return the idempotency key handed to the tool: stable for this action, whatever retries happen */
    public String idempotencyKey() {
        return "alfred-action-" + id;
    }
}
