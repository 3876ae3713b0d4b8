package dev.alfred.agents.events;

import dev.alfred.agents.run.RunLookups;
import dev.alfred.agents.run.RunWaker;
import dev.alfred.agents.report.Report;
import dev.alfred.agents.report.RunReporter;
import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.run.AfterCommit;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunEnded;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a run, for its family (sub-runs are started by {@code loop.SubRunStarts}):
 * <ul>
 *   <li>when a child ends, its parent leaves {@code WAITING_FOR_SUBRUN} in the same transaction and is woken after
 *       the commit; when a run ends, its unfinished children are cancelled in the same transaction, their open
 *       approvals withdrawn.</li>
 * </ul>
 */
@Singleton
public class SubRuns {
    private static final Logger LOG = LoggerFactory.getLogger(SubRuns.class);
    private final RunStore store;
    private final RunWaker waker;
    private final Approvals approvals;
    private final RunReporter reporter;
    private final TransactionOperations<?> transactions;
    private final RunLookups lookups;

    public SubRuns(RunStore store, RunWaker waker, Approvals approvals, RunReporter reporter,
            TransactionOperations<?> transactions, RunLookups lookups) {
        this.lookups = lookups;
        this.store = store;
        this.waker = waker;
        this.approvals = approvals;
        this.reporter = reporter;
        this.transactions = transactions;
    }

    /** Unparks the parent of a child that ended, and stops the children of a run that ended. */
    @EventListener
    void onRunEnded(RunEnded event) {
        Run run = event.run();
        if (run.parentRunId() != null
                && store.transition(run.parentRunId(), RunStatus.WAITING_FOR_SUBRUN, RunStatus.QUEUED)) {
            String parent = run.parentRunId();
            afterCommit(() -> waker.wake(parent));
        }
        for (Run child : lookups.children(run.id())) {
            if (!child.status().isTerminal() && store.finish(child.id(), RunStatus.CANCELLED, null,
                    "its parent run " + run.id() + " ended (" + event.status().name().toLowerCase(java.util.Locale.ROOT)
                            + ")")) {
                for (StagedAction withdrawn : approvals.withdrawOpen(child.id())) {
                    reporter.report(child, new Report.ApprovalDecided(approvals.find(withdrawn.id()).orElseThrow()));
                }
                reporter.report(child, new Report.SubRunStopped(run.id()));
            }
        }
    }

    private void afterCommit(Runnable work) {
        AfterCommit.run(transactions, () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.warn("could not wake a parent run after its sub-run ended; the stale-run sweep will: {}",
                        e.toString());
            }
        });
    }
}
