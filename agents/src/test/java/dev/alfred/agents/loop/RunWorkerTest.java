package dev.alfred.agents.loop;

import static dev.alfred.agents.loop.SituationBuilder.aSituation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alfred.agents.report.Report;
import dev.alfred.agents.report.RunReporter;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunLeases;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.RunnerSettings;
import dev.alfred.agents.tools.ToolCall;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The run loop through its seams: the store, the leases, the situations and the steps are fakes that keep their
 * state in memory and record what the worker did; the planner is the real one.
 */
class RunWorkerTest {
    private static final ToolCall GET = new ToolCall("call_s1_0", "http_get", "{\"url\":\"https://status\"}");

    private final FakeStore store = new FakeStore();
    private final FakeLeases leases = new FakeLeases();
    private final Deque<SituationBuilder> situations = new ArrayDeque<>();
    private final List<PlannedStep> taken = new ArrayList<>();
    private Function<PlannedStep, Boolean> outcome = step -> step instanceof PlannedStep.ModelTurn;
    private final List<String> threadsOpened = new ArrayList<>();

    @Test
    void advancesStepByStepUntilTheRunParksOrEndsThenGivesItsLeaseBack() {
        store.status = RunStatus.QUEUED;
        situations.add(aSituation().modelCalled(GET));
        situations.add(aSituation().modelCalled(GET).resultOf(GET));

        worker().advance("r1");

        assertThat(taken).hasExactlyElementsOfTypes(PlannedStep.CallTool.class, PlannedStep.ModelTurn.class);
        assertThat(store.moves).containsExactly("QUEUED->RUNNING");
        assertThat(threadsOpened).containsExactly("r1");
        assertThat(leases.held).isNull();
        assertThat(leases.acquired).isEqualTo(2);
    }

    @Test
    void aRunAnotherWorkerHoldsIsLeftAlone() {
        store.status = RunStatus.QUEUED;
        leases.heldByOther = true;
        situations.add(aSituation());

        worker().advance("r1");

        assertThat(taken).isEmpty();
        assertThat(store.moves).isEmpty();
    }

    @Test
    void aParkedOrEndedRunIsLeftAlone() {
        store.status = RunStatus.WAITING_FOR_APPROVAL;

        worker().advance("r1");

        assertThat(taken).isEmpty();
        assertThat(leases.acquired).isZero();
    }

    @Test
    void aWorkerThatLosesItsLeaseStopsAtTheNextStepBoundary() {
        store.status = RunStatus.QUEUED;
        outcome = step -> false;
        leases.grants = 1;
        for (int i = 0; i < 5; i++) {
            situations.add(aSituation().modelCalled(GET));
        }

        worker().advance("r1");

        assertThat(taken).hasSize(1);
        assertThat(leases.held).isNull();
    }

    @Test
    void aRunUnparkedWhileItsWorkerHeldItIsTakenUpAgain() {
        store.status = RunStatus.QUEUED;
        situations.add(aSituation());
        situations.add(aSituation().modelCalled(GET));
        outcome = step -> {
            if (step instanceof PlannedStep.ModelTurn) {
                store.status = RunStatus.QUEUED;
                return true;
            }
            return true;
        };

        worker().advance("r1");

        assertThat(taken).hasExactlyElementsOfTypes(PlannedStep.ModelTurn.class, PlannedStep.CallTool.class);
        assertThat(store.moves).containsExactly("QUEUED->RUNNING", "QUEUED->RUNNING");
        assertThat(threadsOpened).as("the thread is opened once").containsExactly("r1");
    }

    private RunWorker worker() {
        RunReporter reporter = new RunReporter() {
            @Override
            public String openThread(Run run) {
                threadsOpened.add(run.id());
                return "1700000000.000100";
            }

            @Override
            public void report(Run run, Report fact) {
            }
        };
        StepStarts loader = new StepStarts(null, null, null, null) {
            @Override
            public Optional<NextStep> next(String runId) {
                SituationBuilder next = situations.poll();
                return next == null ? Optional.empty() : Optional.of(next.status(store.status).build())
                        .map(now -> new NextStep(now, StepPlanner.plan(now), null));
            }
        };
        Steps steps = new Steps(null, null, null, null, null, null, null, null, null, null) {
            @Override
            public boolean take(NextStep step) {
                taken.add(step.plan());
                return outcome.apply(step.plan());
            }
        };
        return new RunWorker(store, loader, steps, reporter, new RunnerSettings(),
                Clock.fixed(SituationBuilder.NOW, ZoneOffset.UTC), leases);
    }

    /** The run's status and thread, in memory; every status move recorded. */
    private static final class FakeStore extends RunStore {
        RunStatus status = RunStatus.QUEUED;
        String threadTs;
        final List<String> moves = new ArrayList<>();

        FakeStore() {
            super(null, null, null, null, null, null, null, null, null);
        }

        @Override
        public Optional<Run> find(String runId) {
            return Optional.of(new Run(runId, "alfred", "Is payments healthy?", status, "T1", "C1", threadTs, null,
                    "U1", 0, 20, null, null, null, null, SituationBuilder.NOW, null, SituationBuilder.NOW, null,
                    BigDecimal.ZERO, null, BigDecimal.ZERO, null, null, null, null, "slash_command"));
        }

        @Override
        public boolean transition(String runId, RunStatus from, RunStatus to) {
            if (status != from) {
                return false;
            }
            moves.add(from + "->" + to);
            status = to;
            return true;
        }

        @Override
        public void setThreadTs(String runId, String threadTs) {
            this.threadTs = threadTs;
        }
    }

    /** One lease, compare-and-set; {@code grants} limits how many acquisitions succeed. */
    private static final class FakeLeases extends RunLeases {
        String held;
        boolean heldByOther;
        int acquired;
        int grants = Integer.MAX_VALUE;

        FakeLeases() {
            super(null, null, new RunnerSettings(), null);
        }

        @Override
        public boolean renewedWithin(String runId, java.time.Duration within) {
            return false;
        }

        @Override
        public boolean acquireLease(String runId, String owner, Instant until) {
            if (heldByOther || acquired >= grants || (held != null && !held.equals(owner))) {
                return false;
            }
            held = owner;
            acquired++;
            return true;
        }

        @Override
        public void releaseLease(String runId, String owner) {
            if (owner.equals(held)) {
                held = null;
            }
        }
    }
}
