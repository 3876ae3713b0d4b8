package dev.alfred.agents.events;

import dev.alfred.agents.run.RunLookups;
import dev.alfred.agents.run.RunWaker;
import dev.alfred.agents.report.Report;
import dev.alfred.agents.report.RunReporter;
import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.approvals.StagedActionStatus;
import dev.alfred.agents.audit.AuditLog;
import dev.alfred.agents.fleet.ProviderBlocks;
import dev.alfred.agents.run.BlockKind;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.spend.Spend;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unparks {@code BLOCKED} runs whose block has lifted by itself: the provider block's time has come, or a day cap
 * rolled over to a new UTC day (the run's pending budget request is then withdrawn and its card updated). Run by
 * the recurring job {@code lift-provider-blocks}; safe on several replicas at once (every move is a
 * compare-and-set).
 */
@Singleton
public class BlockLifter {
    private static final Logger LOG = LoggerFactory.getLogger(BlockLifter.class);

    private final ProviderBlocks providerBlocks;
    private final RunStore store;
    private final Spend spend;
    private final Approvals approvals;
    private final RunReporter reporter;
    private final RunWaker waker;
    private final AuditLog audit;
    private final RunLookups lookups;

    public BlockLifter(ProviderBlocks providerBlocks, RunStore store, Spend spend, Approvals approvals,
            RunReporter reporter, RunWaker waker, AuditLog audit, RunLookups lookups) {
        this.lookups = lookups;
        this.providerBlocks = providerBlocks;
        this.store = store;
        this.spend = spend;
        this.approvals = approvals;
        this.reporter = reporter;
        this.waker = waker;
        this.audit = audit;
    }

    /** @return how many runs were unparked and woken */
    public int liftDue() {
        List<Run> lifted = providerBlocks.liftDue();
        lifted.forEach(run -> waker.wake(run.id()));
        int count = lifted.size();
        for (Run run : lookups.blocked(BlockKind.SPEND_CAP)) {
            if (spend.capReached(run).isPresent()) {
                continue;
            }
            approvals.latestHold(run.id(), StagedAction.EXTEND_BUDGET)
                    .filter(hold -> hold.status() == StagedActionStatus.PENDING)
                    .filter(hold -> approvals.withdraw(hold, "the spend cap no longer applies (a new day began)"))
                    .ifPresent(hold -> updateCard(run, hold));
            if (store.unblock(run.id(), BlockKind.SPEND_CAP, RunStatus.QUEUED)) {
                audit.record(run.id(), "run.unblocked", null, run.stepCount(), "the spend cap no longer applies",
                        null);
                waker.wake(run.id());
                count++;
            }
        }
        return count;
    }

    private void updateCard(Run run, StagedAction hold) {
        try {
            reporter.report(run, new Report.ApprovalDecided(approvals.find(hold.id()).orElseThrow()));
        } catch (RuntimeException e) {
            LOG.warn("could not update the card of budget request {}: {}", hold.id(), e.toString());
        }
    }
}
