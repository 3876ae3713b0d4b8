package dev.alfred.agents.events;

import dev.alfred.agents.approvals.ApprovalTimers;
import dev.alfred.policies.Mentions;
import dev.alfred.agents.run.RunWaker;
import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.ApproverDirectory;
import dev.alfred.agents.approvals.DecisionKind;
import dev.alfred.agents.approvals.DecisionOutcome;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.metrics.AlfredMetrics;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.report.Report;
import dev.alfred.agents.report.RunReporter;
import dev.alfred.agents.tools.ToolDispatcher;
import dev.alfred.policies.PolicyDecision;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A decision from start to finish: apply it ({@link Approvals#decide}), update the card in place, and wake the run
 * or, for reject-and-end, say in the thread that it ended. Also the expiry sweep. Slack failures while updating a
 * card are logged; the decision stands.
 */
@Singleton
public class ApprovalDecisions {
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalDecisions.class);

    private final Approvals approvals;
    private final RunStore runs;
    private final RunReporter reporter;
    private final RunWaker waker;
    private final ApproverDirectory directory;
    private final ToolDispatcher dispatcher;
    private final AlfredMetrics metrics;
    private final Mentions mentions;
    private final ApprovalTimers timers;

    public ApprovalDecisions(Approvals approvals, RunStore runs, RunReporter reporter, RunWaker waker,
            ApproverDirectory directory, ToolDispatcher dispatcher, AlfredMetrics metrics, Mentions mentions,
            ApprovalTimers timers) {
        this.timers = timers;
        this.mentions = mentions;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.approvals = approvals;
        this.runs = runs;
        this.reporter = reporter;
        this.waker = waker;
        this.directory = directory;
    }

    /**
     * Says, before a form is opened, whether this person may take this decision; group membership is looked up
     * first (outside any transaction).
     *
     * @return empty when they may, otherwise the outcome to explain to them (not found, already decided, not
     *         allowed; a refusal is recorded in the audit log by the caller's decision or here)
     */
    public Optional<DecisionOutcome> check(String actionId, DecisionKind kind, String userId) {
        Optional<StagedAction> action = approvals.find(actionId);
        if (action.isEmpty()) {
            return Optional.of(new DecisionOutcome.NotFound(actionId));
        }
        if (!action.get().status().isOpen()) {
            return Optional.of(new DecisionOutcome.AlreadyDecided(action.get()));
        }
        return approvals.refusal(action.get(), kind, userId, memberOf(action.get(), userId))
                .map(reason -> approvals.refuse(action.get(), kind, userId, reason));
    }

    /**
     * Applies a decision and its consequences; see {@link Approvals#decide}. A counted approval that is not yet
     * enough updates the card with the approvals so far. A decision on an action already decided is answered
     * {@link DecisionOutcome.AlreadyDecided} from a plain read, without the row lock and its write transaction:
     * decisions are final (an action is {@code PENDING} only from its creation, and every change of status starts
     * from {@code PENDING}), so an action read as decided stays decided. Late clicks on a card (several approvers,
     * or a card clicked again) are the common case of a click's ack (issue 22).
     */
    public DecisionOutcome decide(String actionId, DecisionKind kind, String userId, @Nullable String note,
            @Nullable String editedArguments) {
        return decide(actionId, approvals.find(actionId).orElse(null), kind, userId, note, editedArguments);
    }

    /**
     * As {@link #decide(String, DecisionKind, String, String, String)}, for a caller that has just read the action
     * (a plain read, as that method begins with): a click's handler reads it to check the card, and need not have it
     * read twice.
     */
    public DecisionOutcome decide(StagedAction read, DecisionKind kind, String userId, @Nullable String note,
            @Nullable String editedArguments) {
        return decide(read.id(), read, kind, userId, note, editedArguments);
    }

    private DecisionOutcome decide(String actionId, @Nullable StagedAction found, DecisionKind kind, String userId,
            @Nullable String note, @Nullable String editedArguments) {
        if (found != null && !found.status().isOpen()) {
            return new DecisionOutcome.AlreadyDecided(found);
        }
        Set<String> memberOf = found == null ? Set.of() : memberOf(found, userId);
        if (kind == DecisionKind.EDIT && editedArguments != null && found != null) {
            Optional<String> escape = editEscapesItsRule(found, editedArguments);
            if (escape.isPresent()) {
                return approvals.refuse(found, kind, userId, escape.get());
            }
        }
        DecisionOutcome outcome = approvals.decide(actionId, kind, userId, note, editedArguments, memberOf);
        if (outcome instanceof DecisionOutcome.Counted counted) {
            runs.find(counted.action().runId()).ifPresent(run -> updateCard(run, counted.action()));
        }
        if (outcome instanceof DecisionOutcome.Decided decided) {
            StagedAction action = decided.action();
            metrics.approvalDecided(kind == DecisionKind.APPROVE ? "approved" : kind == DecisionKind.EDIT ? "edited"
                    : kind.name().toLowerCase(java.util.Locale.ROOT), action.createdAt(),
                    action.decidedAt() != null ? action.decidedAt() : action.createdAt());
            Run run = runs.find(decided.action().runId()).orElseThrow();
            updateCard(run, decided.action());
            if (kind == DecisionKind.REJECT_AND_END) {
                reporter.report(run, new Report.RejectedAndEnded(userId, decided.action(), note));
            } else {
                waker.wake(run.id());
            }
        }
        return outcome;
    }

    /** Expires due actions, updates their cards and wakes their runs; returns how many expired. */
    public int expireDue() {
        int count = 0;
        for (StagedAction action : timers.expireDue()) {
            metrics.approvalDecided("expired", action.createdAt(), action.expiresAt());
            Run run = runs.find(action.runId()).orElseThrow();
            updateCard(run, action);
            waker.wake(run.id());
            count++;
        }
        return count;
    }

    /** Posts the reminders that are due in their threads; returns how many. */
    public int remindDue() {
        int count = 0;
        for (StagedAction action : timers.claimRemindersDue()) {
            try {
                reporter.report(runs.find(action.runId()).orElseThrow(), new Report.ApprovalReminder(action));
                count++;
            } catch (RuntimeException e) {
                LOG.warn("could not post the reminder for action {}: {}", action.id(), e.toString());
            }
        }
        return count;
    }

    /**
     * An edit may not move a call out from under the rule it was staged by: edited arguments the policy would deny,
     * or would send to another rule or other approvers, are refused (the approver can reject and let the agent ask
     * again). Arguments the policy would allow outright are fine.
     *
     * @return why the edit is refused, or empty
     */
    private Optional<String> editEscapesItsRule(StagedAction action, String editedArguments) {
        Run run = runs.find(action.runId()).orElseThrow();
        Optional<PolicyDecision> decision = dispatcher.judge(run, action.toolName(), editedArguments);
        if (decision.isEmpty() || decision.get() instanceof PolicyDecision.Allow) {
            return Optional.empty();
        }
        if (decision.get() instanceof PolicyDecision.Deny deny) {
            return Optional.of("The edited arguments are denied by policy rule `" + deny.ruleId() + "`: "
                    + escape(deny.reason()));
        }
        PolicyDecision.RequireApproval approval = (PolicyDecision.RequireApproval) decision.get();
        if (approval.ruleId().equals(action.ruleId()) && approval.approvers().equals(action.approverRule())) {
            return Optional.empty();
        }
        return Optional.of("The edited arguments fall under policy rule `" + approval.ruleId() + "` (approvers: "
                + approval.approvers().describe(action.requesterUserId(), mentions) + "), not `" + action.ruleId()
                + "`. Reject this action instead, and let the agent ask again with them.");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private Set<String> memberOf(StagedAction action, String userId) {
        List<String> groups = action.approverRule().groups();
        return groups.isEmpty() ? Set.of() : directory.groupsOf(userId, groups);
    }

    /** Slack's escaping of {@code & < >}, so a person's reason cannot mention or link. */
    private void updateCard(Run run, StagedAction action) {
        try {
            reporter.report(run, new Report.ApprovalDecided(action));
        } catch (RuntimeException e) {
            LOG.warn("could not update the approval card of action {}: {}", action.id(), e.toString());
        }
    }
}
