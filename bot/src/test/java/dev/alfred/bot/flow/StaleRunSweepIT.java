package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alfred.agents.AgentDefaults;
import dev.alfred.agents.runs.NewRun;
import dev.alfred.agents.runs.Run;
import dev.alfred.agents.runs.RunStatus;
import dev.alfred.agents.runs.RunStore;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A run recorded as {@code QUEUED} whose wake-up never happened (no job, no fast pickup) is found by the recurring
 * job {@code sweep-stale-runs} and completed.
 */
class StaleRunSweepIT {

    @Test
    void aQueuedRunThatNobodyWokeIsSweptAndFinishes() throws Exception {
        try (AlfredTestApp app = AlfredTestApp.start(TestDatabase.h2(), Map.of("alfred.runs.sweep-interval", "5s",
                "alfred.runs.stale-after", "1s"))) {
            app.model.then(new FakeOpenAi.Text("found by the sweeper"));
            RunStore store = app.context.getBean(RunStore.class);

            Run lost = store.create("test:lost-wakeup", new NewRun(AgentDefaults.BOSS, "never woken", "T1", "C1",
                    "U1", AgentDefaults.BOSS_SYSTEM_PROMPT, 10)).orElseThrow();

            Run done = await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                    .until(() -> app.run(lost.id()), run -> run.status().isTerminal());
            assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(done.finalAnswer()).isEqualTo("found by the sweeper");
            assertThat(done.threadTs()).isNotNull();
        }
    }
}
