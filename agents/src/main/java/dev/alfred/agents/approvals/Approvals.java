package dev.alfred.agents.approvals;

import dev.alfred.agents.runs.Run;
import dev.alfred.agents.runs.RunIds;
import dev.alfred.agents.runs.RunStatus;
import dev.alfred.agents.runs.RunStore;
import dev.alfred.agents.runs.RunStore.StepOutput;
import dev.alfred.agents.runs.Step;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The transactions of staged actions. Each public method is one transaction; every status change is a
 * compare-and-set, so a double click, two people clicking together, or a click after a restart changes an action at
 * most once, and an approved action is claimed for execution at most once.
 */
@Singleton
public class Approvals {
    private final StagedActionRepository actions;
    private final AuditEventRepository audit;
    private final RunStore runs;
    private final ApprovalSettings settings;
    private final Clock clock;

    public Approvals(StagedActionRepository actions, AuditEventRepository audit, RunStore runs,
            ApprovalSettings settings, Clock clock) {
        this.actions = actions;
        this.audit = audit;
        this.runs = runs;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Stages a tool call as a {@code PENDING} action. The caller posts its card and then parks the run.
     *
     * @param arguments the exact arguments as JSON
     * @param rationale what the model said alongside the call, if anything
     * @return the staged action, {@code PENDING}
     */
    @Transactional
    public StagedAction stage(Run run, int stepNo, String toolCallId, String toolName, String arguments, String risk,
            String ruleId, @Nullable String rationale) {
        Instant now = clock.instant();
        StagedAction action = actions.save(new StagedAction(RunIds.next(), run.id(), stepNo, toolCallId, toolName,
                arguments, null, sha256(arguments), risk, ruleId, rationale, run.requesterUserId(),
                StagedActionStatus.PENDING, null, null, null, null, null, now, now.plus(settings.getTtl()), null));
        record(run.id(), "approval.staged", null, toolName + " " + arguments + " (rule " + ruleId + ")");
        return action;
    }

    /**
     * Applies a person's decision. Only the run's requester may decide; anyone else is refused and the refusal is
     * recorded. On success the run is unparked ({@code QUEUED}) for the model to hear the outcome, except for
     * {@link DecisionKind#REJECT_AND_END}, which ends the run {@code CANCELLED} and withdraws its other open actions.
     *
     * @param editedArguments the edited arguments as JSON, for {@link DecisionKind#EDIT}; already validated
     * @param note            the reason given with a rejection, if any
     */
    @Transactional
    public DecisionOutcome decide(String actionId, DecisionKind kind, String userId, @Nullable String note,
            @Nullable String editedArguments) {
        Optional<StagedAction> found = actions.findById(actionId);
        if (found.isEmpty()) {
            return new DecisionOutcome.NotFound(actionId);
        }
        StagedAction action = found.get();
        if (!userId.equals(action.requesterUserId())) {
            record(action.runId(), "approval.refused", userId, kind + " on " + actionId + ": only <@"
                    + action.requesterUserId() + "> (the requester) may decide");
            return new DecisionOutcome.NotAllowed(action, "Only <@" + action.requesterUserId()
                    + ">, who asked for this run, can decide on this action.");
        }
        StagedActionStatus to = kind == DecisionKind.APPROVE || kind == DecisionKind.EDIT
                ? StagedActionStatus.APPROVED : StagedActionStatus.REJECTED;
        String storedNote = kind == DecisionKind.REJECT_AND_END ? "[ended the run] " + (note == null ? "" : note) : note;
        if (actions.decide(actionId, to.name(), userId, storedNote,
                kind == DecisionKind.EDIT ? editedArguments : null, clock.instant()) == 0) {
            return new DecisionOutcome.AlreadyDecided(actions.findById(actionId).orElseThrow());
        }
        record(action.runId(), "approval." + kind.name().toLowerCase(), userId,
                actionId + (note == null ? "" : ": " + note) + (editedArguments == null ? "" : " edited to "
                        + editedArguments));
        if (kind == DecisionKind.REJECT_AND_END) {
            actions.withdrawOpen(action.runId());
            runs.finish(action.runId(), RunStatus.CANCELLED, null, "rejected and ended by <@" + userId + ">"
                    + (note == null || note.isBlank() ? "" : ": " + note));
        } else {
            runs.transition(action.runId(), RunStatus.WAITING_FOR_APPROVAL, RunStatus.QUEUED);
        }
        return new DecisionOutcome.Decided(actions.findById(actionId).orElseThrow());
    }

    /** Expires every pending action past its expiry and unparks its run; returns the expired actions. */
    @Transactional
    public List<StagedAction> expireDue() {
        List<StagedAction> expired = new java.util.ArrayList<>();
        for (StagedAction action : actions.findDue(clock.instant())) {
            if (actions.transition(action.id(), StagedActionStatus.PENDING.name(),
                    StagedActionStatus.EXPIRED.name()) == 1) {
                runs.transition(action.runId(), RunStatus.WAITING_FOR_APPROVAL, RunStatus.QUEUED);
                record(action.runId(), "approval.expired", null, action.id());
                expired.add(actions.findById(action.id()).orElseThrow());
            }
        }
        return expired;
    }

    /** APPROVED → EXECUTING; false when another worker claimed it or it is not approved. */
    @Transactional
    public boolean claimForExecution(StagedAction action) {
        return actions.transition(action.id(), StagedActionStatus.APPROVED.name(),
                StagedActionStatus.EXECUTING.name()) == 1;
    }

    /**
     * Records an executed action and its step in one transaction: the action becomes {@code EXECUTED} with the raw
     * result, and the step's tool result (what the model reads) is committed.
     */
    @Transactional
    public void completeExecution(StagedAction action, Step step, String modelResult, String rawResult) {
        actions.markExecuted(action.id(), rawResult, clock.instant());
        runs.commitStep(step, new StepOutput(dev.alfred.agents.runs.TranscriptRole.TOOL_RESULT, modelResult, null,
                action.toolCallId(), action.toolName()), null, null);
        record(action.runId(), "action.executed", null, action.id() + ": " + abbreviate(rawResult));
    }

    /** EXECUTING → IN_DOUBT, for an action a dead worker was executing. */
    @Transactional
    public void markInDoubt(StagedAction action) {
        actions.transition(action.id(), StagedActionStatus.EXECUTING.name(), StagedActionStatus.IN_DOUBT.name());
        record(action.runId(), "action.in_doubt", null, action.id());
    }

    /** Withdraws a run's open actions (the run ended); returns them as they were. */
    @Transactional
    public List<StagedAction> withdrawOpen(String runId) {
        List<StagedAction> open = actions.findByRunIdOrderByCreatedAt(runId).stream()
                .filter(action -> action.status().isOpen()).toList();
        actions.withdrawOpen(runId);
        return open;
    }

    @Transactional
    public void setCardMessageTs(String actionId, String cardMessageTs) {
        actions.updateCardMessageTs(actionId, cardMessageTs);
    }

    @Transactional(readOnly = true)
    public Optional<StagedAction> find(String actionId) {
        return actions.findById(actionId);
    }

    @Transactional(readOnly = true)
    public Optional<StagedAction> forCall(String runId, String toolCallId) {
        return actions.findByRunIdAndToolCallId(runId, toolCallId);
    }

    @Transactional(readOnly = true)
    public List<StagedAction> ofRun(String runId) {
        return actions.findByRunIdOrderByCreatedAt(runId);
    }

    @Transactional(readOnly = true)
    public List<AuditEvent> auditOf(String runId) {
        return audit.findByRunIdOrderByCreatedAt(runId);
    }

    /** Appends an audit event (joins the caller's transaction). */
    @Transactional
    public void record(@Nullable String runId, String kind, @Nullable String actorUserId, @Nullable String detail) {
        audit.save(new AuditEvent(UUID.randomUUID(), runId, kind, actorUserId, detail, clock.instant()));
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
