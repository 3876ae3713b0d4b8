package dev.alfred.agents.loop;

import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.RunInbox;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.audit.AuditLog;
import dev.alfred.agents.fleet.Fleet;
import dev.alfred.agents.fleet.FleetPause;
import dev.alfred.agents.fleet.ProviderBlock;
import dev.alfred.agents.fleet.ProviderBlocks;
import dev.alfred.agents.report.Report;
import dev.alfred.agents.report.RunReporter;
import dev.alfred.agents.run.BlockKind;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.Step;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a run parks: it leaves {@code RUNNING} for a waiting status by compare-and-set and says why. Every
 * way of parking then looks again at what it waits for: an event that landed while the run was still
 * {@code RUNNING} could not unpark it, so a run whose reason to wait is already gone goes on at once.
 * Each method returns true when the run is parked (or no longer this worker's), false when it goes on.
 */
@Singleton
public class Parking {
    private static final Logger LOG = LoggerFactory.getLogger(Parking.class);

    private final RunStore store;
    private final RunReporter reporter;
    private final Progress progress;
    private final AuditLog audit;
    private final Fleet fleet;
    private final ProviderBlocks providerBlocks;
    private final Approvals approvals;
    private final RunInbox inbox;

    public Parking(RunStore store, RunReporter reporter, Progress progress, AuditLog audit, Fleet fleet,
            ProviderBlocks providerBlocks, Approvals approvals, RunInbox inbox) {
        this.store = store;
        this.reporter = reporter;
        this.progress = progress;
        this.audit = audit;
        this.fleet = fleet;
        this.providerBlocks = providerBlocks;
        this.approvals = approvals;
        this.inbox = inbox;
    }

    /** Parks the run {@code PAUSED} before its next step, behind a fleet or agent pause. */
    public boolean paused(Run run, FleetPause pause) {
        if (!store.transition(run.id(), RunStatus.RUNNING, RunStatus.PAUSED)) {
            return true;
        }
        if (fleet.pauseFor(run).isEmpty()) {
            return !store.transition(run.id(), RunStatus.PAUSED, RunStatus.RUNNING);
        }
        audit.record(run.id(), "run.paused", pause.pausedBy(), run.stepCount(), "paused before step "
                + (run.stepCount() + 1) + ": " + pause.describe() + " is paused", null);
        say(run, "paused", () -> reporter.report(run, new Report.Paused(run.stepCount() + 1, pause)));
        progress.report(run, run.stepCount(), "paused");
        return true;
    }

    /** Parks the run {@code BLOCKED} behind the model provider's limit, until the block lifts. */
    public boolean blocked(Run run, ProviderBlock block) {
        String reason = "the model provider limited Alfred (" + block.reason() + ")";
        if (!store.block(run.id(), BlockKind.PROVIDER_LIMIT, reason + "; blocked until " + block.blockedUntil())) {
            return true;
        }
        if (providerBlocks.current().isEmpty()) {
            return !store.unblock(run.id(), BlockKind.PROVIDER_LIMIT, RunStatus.RUNNING);
        }
        audit.record(run.id(), "run.blocked", null, run.stepCount(), "blocked before step " + (run.stepCount() + 1)
                + ": " + reason, Map.of("kind", BlockKind.PROVIDER_LIMIT.name(),
                "until", block.blockedUntil().toString()));
        say(run, "blocked", () -> reporter.report(run, new Report.Blocked(run.stepCount() + 1, reason,
                block.blockedUntil())));
        progress.report(run, run.stepCount(), "blocked: model provider limit");
        return true;
    }

    /**
     * Parks the run behind a pending action or hold: posts its card (once; a retry finds it posted), then moves the
     * run to {@code WAITING_FOR_APPROVAL}.
     */
    public boolean awaitDecision(Run run, StagedAction action) {
        reporter.report(run, new Report.ApprovalRequested(action));
        store.transition(run.id(), RunStatus.RUNNING, RunStatus.WAITING_FOR_APPROVAL);
        if (approvals.find(action.id()).orElseThrow().status().isOpen()) {
            progress.report(run, action.stepNo(), "waiting for approval of " + action.toolName());
            return true;
        }
        store.transition(run.id(), RunStatus.WAITING_FOR_APPROVAL, RunStatus.RUNNING);
        store.transition(run.id(), RunStatus.QUEUED, RunStatus.RUNNING);
        return false;
    }

    /** Asks the requester in the thread and parks the run {@code WAITING_FOR_REPLY}, in one transaction. */
    public boolean forReply(Run run, Step step, String question) {
        store.atomically(() -> {
            reporter.report(run, new Report.Question(question));
            store.parkStep(step, "waiting for a reply");
            store.transition(run.id(), RunStatus.RUNNING, RunStatus.WAITING_FOR_REPLY);
        });
        if (inbox.answerFromInputs(run.id(), step.startedAt())) {
            store.transition(run.id(), RunStatus.QUEUED, RunStatus.RUNNING);
            return false;
        }
        progress.report(run, step.stepNo(), "waiting for your reply");
        return true;
    }

    /**
     * Parks the parent {@code WAITING_FOR_SUBRUN} (joining the caller's transaction when there is one).
     *
     * @return false when the run was not {@code RUNNING}
     */
    public boolean markWaitingForSubRun(Run run, Step step, Run child) {
        store.parkStep(step, "waiting for sub-run " + child.id() + " (" + child.agent() + ")");
        return store.transition(run.id(), RunStatus.RUNNING, RunStatus.WAITING_FOR_SUBRUN);
    }

    /** After {@link #markWaitingForSubRun}: goes on at once if the sub-run ended meanwhile. */
    public boolean forSubRun(Run run, Step step, String childId, String agent) {
        if (store.find(childId).map(child -> child.status().isTerminal()).orElse(true)
                && store.transition(run.id(), RunStatus.WAITING_FOR_SUBRUN, RunStatus.RUNNING)) {
            return false;
        }
        progress.report(run, step.stepNo(), "waiting for " + agent);
        return true;
    }

    /**
     * Parks the run {@code BLOCKED} at a spend cap behind its budget hold, whose card is posted first.
     *
     * @param decided whether the hold was decided meanwhile; then the run is unblocked and goes on
     */
    public boolean atSpendCap(Run run, StagedAction hold, String reason, BooleanSupplier decided) {
        reporter.report(run, new Report.ApprovalRequested(hold));
        store.block(run.id(), BlockKind.SPEND_CAP, reason);
        return !(decided.getAsBoolean() && store.unblock(run.id(), BlockKind.SPEND_CAP, RunStatus.RUNNING));
    }

    private static void say(Run run, String what, Runnable post) {
        try {
            post.run();
        } catch (RuntimeException e) {
            LOG.warn("could not say in its thread that run {} is {}: {}", run.id(), what, e.toString());
        }
    }
}
