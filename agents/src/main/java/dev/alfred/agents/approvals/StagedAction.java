package dev.alfred.agents.approvals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.policies.Approvers;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.List;

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
 * @param approvers       who may approve, as {@link Approvers} JSON; {@code null} for actions staged before policy
 *                        files existed, which only their requester may decide
 * @param approvedBy      comma-separated user ids whose approvals count so far, for the current arguments
 * @param remindAt        when to remind the approvers, if a reminder is due at all
 * @param remindedAt      when the reminder was posted
 * @param preview         what the call would do, as its tool described it when it was staged ({@code Tool.preview}),
 *                        plain text for the card; null for none
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
        @Nullable Instant executedAt,
        @Nullable String approvers,
        @Nullable String approvedBy,
        @Nullable Instant remindAt,
        @Nullable Instant remindedAt,
        @Nullable String preview) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Pseudo-tool of a spend hold: a run at a spend cap asks to extend its budget. The policy judges it as a
     * {@code write} call of this name, so an extension follows the same approver rules as a write action. Arguments:
     * {@code {"amountUsd","cap","spentUsd","limitUsd"}}, amounts as decimal strings.
     */
    public static final String EXTEND_BUDGET = "alfred_extend_budget";
    /**
     * Pseudo-tool of a loop-guard hold: the run repeated one tool call with the same arguments and asks its
     * requester whether to go on. Arguments: {@code {"tool","arguments","repeats"}}. Its tool call id is
     * {@link #LOOP_CALL_PREFIX} and the id of the repeated call, which still goes through policy if continued.
     */
    public static final String CONTINUE_LOOP = "alfred_continue_loop";
    /** Prefix of a loop-guard hold's tool call id. */
    public static final String LOOP_CALL_PREFIX = "loop:";

    /**
     * @return whether this is a hold (a budget extension or a loop-guard question) rather than a tool call: a hold
     *         is approved or the run stopped, never edited, and approving it runs nothing
     */
    public boolean isHold() {
        return EXTEND_BUDGET.equals(toolName) || CONTINUE_LOOP.equals(toolName);
    }

    /** @return the named argument of the (unedited) arguments as text, or null */
    public String argument(String name) {
        try {
            JsonNode value = JSON.readTree(arguments).get(name);
            return value == null || value.isNull() ? null : value.isTextual() ? value.asText() : value.toString();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** @return the arguments the call runs with: the edited ones if a person edited them */
    public String effectiveArguments() {
        return editedArguments != null ? editedArguments : arguments;
    }

    /** @return SHA-256 (hex) of the arguments the call would run with now; changes when a person edits them */
    public String effectiveArgumentsHash() {
        return editedArguments == null ? argumentsHash : Approvals.sha256(editedArguments);
    }

    /** @return who may approve; the requester alone when none was recorded */
    public Approvers approverRule() {
        if (approvers == null) {
            return Approvers.requesterOnly();
        }
        try {
            return JSON.readValue(approvers, Approvers.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("staged action " + id + " has unreadable approvers: " + approvers, e);
        }
    }

    /** @return user ids whose approvals count so far, in the order given */
    public List<String> approvals() {
        return approvedBy == null || approvedBy.isBlank() ? List.of() : List.of(approvedBy.split(","));
    }

    /** @return approvals still needed before the action is approved */
    public int approvalsStillNeeded() {
        return Math.max(0, approverRule().count() - approvals().size());
    }

    /** @return {@link Approvers} as the JSON stored in {@code approvers} */
    public static String approversJson(Approvers approvers) {
        try {
            return JSON.writeValueAsString(approvers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the idempotency key handed to the tool: stable for this action, whatever retries happen */
    public String idempotencyKey() {
        return "alfred-action-" + id;
    }
}
