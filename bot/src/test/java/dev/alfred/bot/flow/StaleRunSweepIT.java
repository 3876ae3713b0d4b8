package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alfred.agents.catalog.AgentDefaults;
import dev.alfred.agents.run.NewRun;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The recurring job {@code sweep-stale-runs}: a run recorded as {@code QUEUED} whose wake-up never happened (no
 * job, no fast pickup) is found and completed; a run whose worker is alive keeps its renewed lease through a step
 * longer than the lease, and is not taken from it.
 */
class StaleRunSweepIT {

    @Test
    void aQueuedRunThatNobodyWokeIsSweptAndFinishes() throws Exception {
        try (AlfredTestApp app = AlfredTestApp.start(TestDatabase.h2(), Map.of("alfred.runs.sweep-interval", "5s",
                "alfred.runs.stale-after", "1s"))) {
            app.model.then(new FakeOpenAi.Text("found by the sweeper"));
            RunStore store = app.context.getBean(RunStore.class);

            Run lost = store.create("test:lost-wakeup", new NewRun(AgentDefaults.BOSS, "never woken", "T1", "C1",
                    "U1", "You are a test agent.", 10)).orElseThrow();

            Run done = await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                    .until(() -> app.run(lost.id()), run -> run.status().isTerminal());
            assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(done.finalAnswer()).isEqualTo("found by the sweeper");
            assertThat(done.threadTs()).isNotNull();
        }
    }

    @Test
    void aStepLongerThanTheLeaseKeepsItsLeaseAndIsNotTakenByTheSweep() throws Exception {
        try (AlfredTestApp app = AlfredTestApp.start(TestDatabase.h2(), Map.of("alfred.runs.sweep-interval", "5s",
                "alfred.runs.stale-after", "500ms", "alfred.runs.lease-duration", "1s"))) {
            app.model.respondWith(request -> {
                await().pollDelay(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(8)).until(() -> true);
                return new FakeOpenAi.Text("slow but single");
            });

            String runId = app.startTask(app.user("U1"), "think for seven seconds");

            Run done = await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                    .until(() -> app.run(runId), run -> run.status().isTerminal());
            assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(app.model.requests()).as("a 7 s model call under a 1 s lease, with a sweep every 5 s, is "
                    + "made once: the lease was renewed while the call ran").hasSize(1);
            assertThat(app.context.getBean(RunStore.class).steps(runId)).extracting(step -> step.attempt())
                    .containsOnly(1);
        }
    }
}
