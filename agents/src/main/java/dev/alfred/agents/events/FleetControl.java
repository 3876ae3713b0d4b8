package dev.alfred.agents.events;

import dev.alfred.agents.loop.RunEnding;
import dev.alfred.agents.run.RunWaker;
import dev.alfred.agents.fleet.Fleet;
import dev.alfred.agents.fleet.ProviderBlocks;
import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.report.Report;
import dev.alfred.agents.report.RunReporter;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fleet control from start to finish: pause, resume (waking the runs a pause held and saying so in their threads)
 * and cancel (ending a run, withdrawing its pending approvals and updating their cards). Slack failures while
 * posting are logged; the state change stands.
 */
@Singleton
public class FleetControl {
    private static final Logger LOG = LoggerFactory.getLogger(FleetControl.class);

    private final Fleet fleet;
    private final RunStore runs;
    private final Approvals approvals;
    private final RunReporter reporter;
    private final RunWaker waker;
    private final ProviderBlocks providerBlocks;
    private final RunEnding ending;

    public FleetControl(Fleet fleet, RunStore runs, Approvals approvals, RunReporter reporter, RunWaker waker,
            ProviderBlocks providerBlocks, RunEnding ending) {
        this.ending = ending;
        this.providerBlocks = providerBlocks;
        this.fleet = fleet;
        this.runs = runs;
        this.approvals = approvals;
        this.reporter = reporter;
        this.waker = waker;
    }

    /**
     * Pauses a scope ({@link Fleet#FLEET} or {@link Fleet#agentScope}). Running runs park before their next step.
     *
     * @return false when it was paused already
     */
    public boolean pause(String scope, String userId) {
        return fleet.pause(scope, userId);
    }

    /**
     * Lifts a pause, re-enqueues every run it held and says so in their threads.
     *
     * @return how many runs were resumed; -1 when the scope was not paused
     */
    public int resume(String scope, String userId) {
        Optional<List<Run>> resumed = fleet.resume(scope, userId);
        resumed.ifPresent(runs -> runs.forEach(run -> {
            post(run, new Report.Resumed(userId));
            waker.wake(run.id());
        }));
        return resumed.map(List::size).orElse(-1);
    }

    /**
     * Lifts the provider-limit block before its time and re-enqueues the runs it parked, saying so in their threads.
     *
     * @return how many runs continue; -1 when no block was in force
     */
    public int liftProviderBlock(String userId) {
        Optional<List<Run>> lifted = providerBlocks.liftNow(userId);
        lifted.ifPresent(runs -> runs.forEach(run -> {
            post(run, new Report.BlockLifted(userId));
            waker.wake(run.id());
        }));
        return lifted.map(List::size).orElse(-1);
    }

    /**
     * Cancels a run: it ends {@code CANCELLED}, its pending approvals are withdrawn (cards updated) and its thread
     * says who cancelled it. A worker advancing it stops before its next step.
     *
     * @return the run as it was, or empty when there is no such run; a run that had ended is returned unchanged
     */
    public Optional<Run> cancel(String runId, String userId) {
        Optional<Run> run = runs.find(runId);
        if (run.isPresent() && !run.get().status().isTerminal()) {
            ending.cancelledBy(run.get(), userId);
        }
        return run;
    }

    private void post(Run run, Report fact) {
        if (run.threadTs() == null) {
            return;
        }
        try {
            reporter.report(run, fact);
        } catch (RuntimeException e) {
            LOG.warn("could not post in the thread of run {}: {}", run.id(), e.toString());
        }
    }
}
