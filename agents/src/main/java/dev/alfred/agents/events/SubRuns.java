package dev.alfred.agents.events;

import dev.alfred.agents.report.RunNotifier;
import dev.alfred.agents.run.RunnerSettings;
import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.catalog.AgentDefinition;
import dev.alfred.agents.run.AfterCommit;
import dev.alfred.agents.run.NewRun;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunEnded;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.spend.Spend;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sub-runs started by {@code delegate}: a child run of a specialist, recorded with its parent and the parent's tool
 * call, reporting in the parent's thread. Rules:
 * <ul>
 *   <li>one child per {@code delegate} call, however often the step is retried (de-duplicated like a delivery);</li>
 *   <li>at most {@value #MAX_DEPTH} levels below a root run;</li>
 *   <li>a child's budget is its agent's cap, never more than its parent has left ({@link Spend#subRunBudget});
 *       its spend counts against every run above it;</li>
 *   <li>a child inherits its parents' pauses ({@code Fleet#pauseFor(Run)});</li>
 *   <li>when a child ends, its parent leaves {@code WAITING_FOR_SUBRUN} in the same transaction and is woken after
 *       the commit; when a run ends, its unfinished children are cancelled in the same transaction, their open
 *       approvals withdrawn.</li>
 * </ul>
 */
@Singleton
public class SubRuns {
    private static final Logger LOG = LoggerFactory.getLogger(SubRuns.class);
    /** How many levels of sub-runs a root run may have below it. */
    public static final int MAX_DEPTH = 3;

    private final RunStore store;
    private final RunWaker waker;
    private final Approvals approvals;
    private final RunNotifier notifier;
    private final Spend spend;
    private final RunnerSettings settings;
    private final TransactionOperations<?> transactions;

    public SubRuns(RunStore store, RunWaker waker, Approvals approvals, RunNotifier notifier, Spend spend,
            RunnerSettings settings, TransactionOperations<?> transactions) {
        this.store = store;
        this.waker = waker;
        this.approvals = approvals;
        this.notifier = notifier;
        this.spend = spend;
        this.settings = settings;
        this.transactions = transactions;
    }

    /** @return how many runs are above this one (0 for a root run) */
    public int depth(Run run) {
        return run.parentRunId() == null ? 0 : store.lineage(run.parentRunId()).size();
    }

    /**
     * Starts the child answering the parent's call, or finds the one started before (a retried step).
     *
     * @param callId the parent's {@code delegate} tool call id
     * @return the child run, {@code QUEUED} when new; the caller enqueues it after its transaction commits
     */
    public Run start(Run parent, String callId, AgentDefinition agent, String brief) {
        Optional<Run> created = store.create("subrun:" + parent.id() + ":" + callId, new NewRun(agent.name(), brief,
                parent.teamId(), parent.channelId(), parent.requesterUserId(), agent.systemPrompt(),
                agent.maxSteps() != null ? agent.maxSteps() : settings.getMaxSteps(),
                spend.subRunBudget(parent, agent.budgetUsd()), parent.threadTs(), parent.id(), callId));
        return created.or(() -> store.child(parent.id(), callId)).orElseThrow(() -> new IllegalStateException(
                "the sub-run for call " + callId + " of run " + parent.id() + " was recorded but cannot be found"));
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
        for (Run child : store.children(run.id())) {
            if (!child.status().isTerminal() && store.finish(child.id(), RunStatus.CANCELLED, null,
                    "its parent run " + run.id() + " ended (" + event.status().name().toLowerCase(java.util.Locale.ROOT)
                            + ")")) {
                for (StagedAction withdrawn : approvals.withdrawOpen(child.id())) {
                    notifier.approvalDecided(child, approvals.find(withdrawn.id()).orElseThrow());
                }
                notifier.notice(child, ":stop_sign: *" + child.agent() + "* stopped: the run that delegated to it ("
                        + "`" + run.id() + "`) ended.");
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
