package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.TranscriptRole;
import dev.alfred.bot.intake.SlackInbox;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.SlackEvents;
import dev.alfred.bot.support.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A thread reply is acknowledged once it is recorded in the Slack inbox, and applied right after the ack. Alfred
 * dies between the two: the reply is recorded, the ack went out, nothing was applied. The next Alfred on the same
 * database applies it, once, and Slack's retry of the same delivery changes nothing.
 */
class SlackInboxRestartIT {

    @Test
    void aReplyRecordedButNotAppliedBeforeACrashIsAppliedOnceAfterTheRestart() throws Exception {
        TestDatabase database = TestDatabase.h2();
        String runId;
        ObjectNode reply;
        try (AlfredTestApp first = AlfredTestApp.start(database, Map.of())) {
            first.model.then(new FakeOpenAi.ToolCall("ask_human", "{\"question\":\"Which region?\"}"));
            runId = first.startTask(first.user("U1"), "check latency");
            Run waiting = first.awaitStatus(runId, RunStatus.WAITING_FOR_REPLY);
            reply = SlackEvents.message("U1", "C1", "channel", SlackEvents.nextTs(), waiting.threadTs(),
                    "eu-west-1 please");
            // What the controller records before the ack; the process dies before the work after it.
            assertThat(first.context.getBean(SlackInbox.class).record(new SlackInbox.Entry("event:"
                    + reply.path("event_id").asText(), SlackInbox.SLACK, "C1:" + waiting.threadTs(),
                    reply.toString()))).isTrue();
            assertThat(first.run(runId).status()).isEqualTo(RunStatus.WAITING_FOR_REPLY);
        }
        try (AlfredTestApp restarted = AlfredTestApp.start(database, Map.of("alfred.slack.inbox-claim", "1s"))) {
            restarted.model.then(new FakeOpenAi.Text("Checked eu-west-1."));

            Run done = restarted.awaitStatus(runId, RunStatus.SUCCEEDED);
            assertThat(restarted.requests.json(reply.toString()).statusCode()).isEqualTo(200);

            assertThat(done.finalAnswer()).isEqualTo("Checked eu-west-1.");
            assertThat(restarted.context.getBean(RunStore.class).transcript(runId))
                    .filteredOn(entry -> entry.role() == TranscriptRole.TOOL_RESULT).singleElement()
                    .satisfies(entry -> assertThat(entry.content()).contains("eu-west-1 please"));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> restarted.model.requests().size() == 1
                            && restarted.run(runId).status() == RunStatus.SUCCEEDED);
        }
    }
}
