package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.approvals.StagedActionStatus;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Alfred stops between the Approve click and the action's execution. The next Alfred on the same database executes
 * the action exactly once.
 */
class RestartAfterApprovalIT {

    @Test
    void anApprovalRecordedBeforeARestartIsExecutedExactlyOnceAfterIt() throws Exception {
        TestDatabase database = TestDatabase.h2();
        String runId;
        String actionId;
        String threadTs;
        String cardTs;
        try (AlfredTestApp first = AlfredTestApp.start(database, Map.of())) {
            first.model.then(new FakeOpenAi.ToolCall("slack_post_message",
                    "{\"channel\":\"C2\",\"text\":\"after restart\"}"));
            runId = TaskFlowIT.runIdFrom(first.user("U1").command("C1", "task post after restart").body());
            Run waiting = await().atMost(Duration.ofSeconds(30))
                    .until(() -> first.run(runId), r -> r.status() == RunStatus.WAITING_FOR_APPROVAL);
            StagedAction action = await().atMost(Duration.ofSeconds(10)).until(() -> first.context
                    .getBean(Approvals.class).ofRun(runId).get(0), a -> a.cardMessageTs() != null);
            actionId = action.id();
            threadTs = waiting.threadTs();
            cardTs = action.cardMessageTs();
        }
        try (AlfredTestApp clickOnly = AlfredTestApp.start(database, Map.of("alfred.jobs.server-enabled", false,
                "alfred.jobs.fast-pickup-threads", 0))) {
            assertThat(clickOnly.user("U1").click("C1", cardTs, threadTs, "approval.approve", actionId)
                    .statusCode()).isEqualTo(200);
            assertThat(clickOnly.context.getBean(Approvals.class).find(actionId).orElseThrow().status())
                    .isEqualTo(StagedActionStatus.APPROVED);
            assertThat(clickOnly.run(runId).status()).isEqualTo(RunStatus.QUEUED);
            assertThat(clickOnly.slack.calls("chat.postMessage")).noneSatisfy(
                    call -> assertThat(call.arg("channel")).isEqualTo("C2"));
        }
        try (AlfredTestApp restarted = AlfredTestApp.start(database, Map.of())) {
            restarted.model.then(new FakeOpenAi.Text("posted after the restart"));

            Run done = await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                    .until(() -> restarted.run(runId), r -> r.status().isTerminal());

            assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(restarted.slack.calls("chat.postMessage")).filteredOn(call -> "C2".equals(call.arg("channel")))
                    .extracting(LocalSlack.Call::args).extracting(args -> args.get("text"))
                    .containsExactly("after restart");
            assertThat(restarted.context.getBean(Approvals.class).find(actionId).orElseThrow().status())
                    .isEqualTo(StagedActionStatus.EXECUTED);
        }
    }
}
