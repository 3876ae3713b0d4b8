package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.approvals.StagedActionStatus;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An approval nobody decides expires: the recurring job {@code expire-approvals} marks it {@code EXPIRED}, updates
 * the card, and the model is told the request expired, which is not a rejection.
 */
class ApprovalExpiryIT {

    @Test
    void undecidedApprovalExpiresTheCardSaysSoAndTheModelIsTold() throws Exception {
        try (AlfredTestApp app = AlfredTestApp.start(TestDatabase.h2(),
                Map.of("alfred.approvals.ttl", "1s", "alfred.approvals.sweep-interval", "5s"))) {
            app.model.then(new FakeOpenAi.ToolCall("slack_post_message", "{\"channel\":\"C2\",\"text\":\"hi\"}"),
                    new FakeOpenAi.Text("nobody decided, so I did not post"));
            String runId = TaskFlowIT.runIdFrom(app.user("U1").command("C1", "task post hi").body());

            Run run = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> app.run(runId), r -> r.status() == RunStatus.SUCCEEDED);

            StagedAction action = app.context.getBean(Approvals.class).ofRun(runId).get(0);
            assertThat(action.status()).isEqualTo(StagedActionStatus.EXPIRED);
            assertThat(run.finalAnswer()).isEqualTo("nobody decided, so I did not post");
            app.awaitDelivered(runId);
            assertThat(app.slack.calls("chat.update")).anySatisfy(update -> {
                assertThat(update.arg("ts")).isEqualTo(action.cardMessageTs());
                assertThat(update.arg("text")).contains("Expired");
                assertThat(update.arg("blocks")).doesNotContain("approval.approve");
            });
            var messages = app.model.requests().get(1).path("messages");
            assertThat(messages.get(messages.size() - 1).path("content").asText())
                    .contains("expired without a decision", "not a rejection");
            assertThat(app.slack.calls("chat.postMessage")).noneSatisfy(
                    call -> assertThat(call.arg("channel")).isEqualTo("C2"));
            assertThat(app.audit(runId))
                    .anySatisfy(event -> assertThat(event.kind()).isEqualTo("approval.expired"));
        }
    }
}
