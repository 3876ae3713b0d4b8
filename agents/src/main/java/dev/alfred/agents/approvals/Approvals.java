package dev.alfred.agents.approvals;

import dev.alfred.policies.Mentions;
import dev.alfred.agents.audit.AuditLog;
import dev.alfred.agents.run.BlockKind;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunIds;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.StepOutput;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.Step;
import dev.alfred.policies.ApprovalWindow;
import dev.alfred.policies.Approvers;
import dev.alfred.policies.PolicyDecision;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The transactions of staged actions. Each public method is one transaction; every status change is a
 * compare-and-set, so a double click, two people clicking together, or a click after a restart changes an action at
 * most once, and an approved action is claimed for execution at most once.
 */
@Singleton
public class Approvals {
    private final StagedActionRepository actions;
    private final AuditLog audit;
    private final RunStore runs;
    private final ApprovalSettings settings;
    private final Clock clock;
    private final Mentions mentions;

    public Approvals(StagedActionRepository actions, AuditLog audit, RunStore runs,
            ApprovalSettings settings, Clock clock, Mentions mentions) {
        this.mentions = mentions;
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
     * @param decision  the policy decision that required approval: its rule, approvers and window
     * @param rationale what the model said alongside the call, and {@code preview} what its tool says it would do, if any
     * @return the staged action, {@code PENDING}
     */
    @Transactional
    public StagedAction stage(Run run, int stepNo, String toolCallId, String toolName, String arguments, String risk,
            PolicyDecision.RequireApproval decision, @Nullable String rationale, @Nullable String preview) {
        Instant now = clock.instant();
        ApprovalWindow window = decision.window().orElse(new ApprovalWindow(settings.getTtl(), null));
        Instant expiresAt = now.plus(window.ttl());
        Instant remindAt = window.remindAt() == null ? null
                : now.plusMillis((long) (window.ttl().toMillis() * window.remindAt()));
        StagedAction action = actions.save(new StagedAction(RunIds.next(), run.id(), stepNo, toolCallId, toolName,
                arguments, null, sha256(arguments), risk, decision.ruleId(), rationale, run.requesterUserId(),
                StagedActionStatus.PENDING, null, null, null, null, null, now, expiresAt, null,
                StagedAction.approversJson(decision.approvers()), null, remindAt, null, preview));
        audit.record(run.id(), "approval.staged", null, stepNo, toolName + " staged as action " + action.id()
                + " under rule " + decision.ruleId() + "; approvers: " + decision.approvers().describe(
                        run.requesterUserId(), mentions), Map.of("actionId", action.id(), "tool", toolName,
                        "ruleId", decision.ruleId(), "approvalsRequired", decision.approvers().count(),
                        "expiresAt", expiresAt.toString(), "argumentsHash", action.argumentsHash()));
        return action;
    }

    /**
     * Says whether a person may take this decision on this action now. Anyone the approver rule admits may approve
     * or edit; they and the requester may reject.
     *
     * @param memberOf the ids among the rule's groups that {@code userId} belongs to
     * @return empty when allowed, otherwise why not, as a sentence
     */
    public Optional<String> refusal(StagedAction action, DecisionKind kind, String userId,
            Collection<String> memberOf) {
        Approvers rule = action.approverRule();
        if (kind == DecisionKind.EDIT && action.isHold()) {
            return Optional.of("this request has nothing to edit: approve it or stop the run");
        }
        if (kind == DecisionKind.REJECT || kind == DecisionKind.REJECT_AND_END) {
            return userId.equals(action.requesterUserId()) ? Optional.empty()
                    : rule.refusal(userId, action.requesterUserId(), memberOf, List.of(), mentions)
                            .map(reason -> reason.replace("may approve", "may decide on"));
        }
        return rule.refusal(userId, action.requesterUserId(), memberOf,
                kind == DecisionKind.EDIT ? List.of() : action.approvals(), mentions);
    }

    /** Records that a person was refused a decision they tried to open, and returns the outcome to explain. */
    @Transactional
    public DecisionOutcome refuse(StagedAction action, DecisionKind kind, String userId, String reason) {
        audit.record(action.runId(), "approval.refused", userId, action.stepNo(), kind.name().toLowerCase()
                + " on " + action.id() + " refused: " + reason, Map.of("actionId", action.id()));
        return new DecisionOutcome.NotAllowed(action, reason);
    }

    /**
     * Applies a person's decision under the action's row lock. Approvals count per distinct person; the action is
     * {@code APPROVED} once the rule's count is reached (an edit restarts the count, since earlier approvals were for
     * other arguments). A rejection by anyone allowed ends it. People the rule does not admit are refused, and the
     * refusal is recorded. Once decided the run is unparked ({@code QUEUED}), except for
     * {@link DecisionKind#REJECT_AND_END}, which ends the run {@code CANCELLED} and withdraws its other open actions.
     *
     * @param editedArguments the edited arguments as JSON, for {@link DecisionKind#EDIT}; already validated
     * @param note            the reason given with a rejection, if any
     * @param memberOf        the ids among the rule's groups that {@code userId} belongs to
     */
    @Transactional
    public DecisionOutcome decide(String actionId, DecisionKind kind, String userId, @Nullable String note,
            @Nullable String editedArguments, Collection<String> memberOf) {
        if (actions.lock(actionId) == 0) {
            return new DecisionOutcome.NotFound(actionId);
        }
        StagedAction action = actions.findById(actionId).orElseThrow();
        if (!action.status().isOpen()) {
            return new DecisionOutcome.AlreadyDecided(action);
        }
        Optional<String> refusal = refusal(action, kind, userId, memberOf);
        if (refusal.isPresent()) {
            return refuse(action, kind, userId, refusal.get());
        }
        if (kind == DecisionKind.APPROVE || kind == DecisionKind.EDIT) {
            List<String> approvals = new ArrayList<>(kind == DecisionKind.EDIT ? List.of() : action.approvals());
            approvals.add(userId);
            String approvedBy = String.join(",", approvals);
            int required = action.approverRule().count();
            audit.record(action.runId(), kind == DecisionKind.EDIT ? "approval.edited" : "approval.approved", userId,
                    action.stepNo(), actionId + ": approval " + approvals.size() + " of " + required
                            + (editedArguments == null ? "" : ", arguments edited to " + editedArguments),
                    Map.of("actionId", actionId, "approvals", approvals.size(), "approvalsRequired", required));
            if (approvals.size() < required) {
                actions.recordApprovals(actionId, approvedBy, kind == DecisionKind.EDIT ? editedArguments : null);
                return new DecisionOutcome.Counted(actions.findById(actionId).orElseThrow());
            }
            actions.decide(actionId, StagedActionStatus.APPROVED.name(), userId, note,
                    kind == DecisionKind.EDIT ? editedArguments : null, approvedBy, clock.instant());
            unpark(action);
            return new DecisionOutcome.Decided(actions.findById(actionId).orElseThrow());
        }
        String storedNote = kind == DecisionKind.REJECT_AND_END ? "[ended the run] " + (note == null ? "" : note) : note;
        actions.decide(actionId, StagedActionStatus.REJECTED.name(), userId, storedNote, null, null, clock.instant());
        audit.record(action.runId(), "approval." + kind.name().toLowerCase(), userId, action.stepNo(),
                actionId + (note == null ? "" : ": " + note), Map.of("actionId", actionId));
        if (kind == DecisionKind.REJECT_AND_END) {
            withdrawOpen(action.runId());
            String reason = "rejected and ended by " + mentions.user(userId) + (note == null || note.isBlank() ? ""
                    : ": " + note);
            runs.finish(action.runId(), RunStatus.CANCELLED, null, reason);
        } else {
            unpark(action);
        }
        return new DecisionOutcome.Decided(actions.findById(actionId).orElseThrow());
    }

    /**
     * Unparks the run a decided action held: {@code WAITING_FOR_APPROVAL} → {@code QUEUED}, and for a budget hold
     * {@code BLOCKED} (spend cap) → {@code QUEUED}. The caller wakes it.
     */
    void unpark(StagedAction action) {
        if (!runs.transition(action.runId(), RunStatus.WAITING_FOR_APPROVAL, RunStatus.QUEUED)
                && StagedAction.EXTEND_BUDGET.equals(action.toolName())) {
            runs.unblock(action.runId(), BlockKind.SPEND_CAP, RunStatus.QUEUED);
        }
    }

    /**
     * Stages a hold: a question to people that is not a tool call (see {@link StagedAction#isHold()}), judged by the
     * given approver rule and window, recorded like any staged action.
     *
     * @param holdCallId unique within the run, e.g. {@code budget:<step>} or {@code loop:<call id>}
     */
    @Transactional
    public StagedAction stageHold(Run run, String holdCallId, String holdTool, String arguments,
            PolicyDecision.RequireApproval decision, String rationale) {
        return stage(run, run.stepCount(), holdCallId, holdTool, arguments, "write", decision, rationale, null);
    }

    /** @return the run's most recent hold of that kind ({@link StagedAction#EXTEND_BUDGET} or loop), if any */
    @Transactional(readOnly = true)
    public Optional<StagedAction> latestHold(String runId, String holdTool) {
        List<StagedAction> all = actions.findByRunIdOrderByCreatedAt(runId);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).toolName().equals(holdTool)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * Records an approved hold as acted on ({@code EXECUTING} → {@code EXECUTED}) with what was done, in the audit
     * log as {@code kind}.
     */
    @Transactional
    public void completeHold(StagedAction hold, String kind, String result, Map<String, Object> data) {
        actions.markExecuted(hold.id(), result, clock.instant());
        audit.record(hold.runId(), kind, hold.decidedBy(), hold.stepNo(), result, data);
    }

    /** Withdraws one pending action that is no longer needed; false when it was no longer pending. */
    @Transactional
    public boolean withdraw(StagedAction action, String why) {
        if (actions.transition(action.id(), StagedActionStatus.PENDING.name(),
                StagedActionStatus.WITHDRAWN.name()) != 1) {
            return false;
        }
        audit.record(action.runId(), "approval.withdrawn", null, action.stepNo(), action.id() + " withdrawn: " + why,
                Map.of("actionId", action.id()));
        return true;
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
        runs.commitStep(step, new StepOutput(dev.alfred.agents.run.TranscriptRole.TOOL_RESULT, modelResult, null,
                action.toolCallId(), action.toolName()), null, null);
        audit.record(action.runId(), "action.executed", null, step.stepNo(), action.toolName() + " (action "
                + action.id() + ") returned: " + rawResult, Map.of("actionId", action.id(), "tool", action.toolName(),
                "approvedBy", action.approvals(), "idempotencyKey", action.idempotencyKey()));
    }

    /** EXECUTING → IN_DOUBT, for an action a dead worker was executing. */
    @Transactional
    public void markInDoubt(StagedAction action) {
        actions.transition(action.id(), StagedActionStatus.EXECUTING.name(), StagedActionStatus.IN_DOUBT.name());
        audit.record(action.runId(), "action.in_doubt", null, action.stepNo(), action.toolName() + " (action "
                + action.id() + ") was executing when its worker stopped; it will not be repeated",
                Map.of("actionId", action.id()));
    }

    /** Withdraws a run's open actions (the run ended); returns them as they were. */
    @Transactional
    public List<StagedAction> withdrawOpen(String runId) {
        List<StagedAction> open = actions.findByRunIdOrderByCreatedAt(runId).stream()
                .filter(action -> action.status().isOpen()).toList();
        actions.withdrawOpen(runId);
        open.forEach(action -> audit.record(runId, "approval.withdrawn", null, action.stepNo(), action.id()
                + " withdrawn: the run ended", Map.of("actionId", action.id())));
        return open;
    }

    @Transactional(readOnly = true)
    public Optional<StagedAction> find(String actionId) {
        return actions.findById(actionId);
    }

    /** @return every action waiting for a decision, oldest first */
    @Transactional(readOnly = true)
    public List<StagedAction> pending() {
        return actions.findPending();
    }

    @Transactional(readOnly = true)
    public Optional<StagedAction> forCall(String runId, String toolCallId) {
        return actions.findByRunIdAndToolCallId(runId, toolCallId);
    }

    @Transactional(readOnly = true)
    public List<StagedAction> ofRun(String runId) {
        return actions.findByRunIdOrderByCreatedAt(runId);
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
