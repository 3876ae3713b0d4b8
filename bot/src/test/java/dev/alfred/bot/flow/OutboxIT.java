package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alfred.agents.outbox.Outbox;
import dev.alfred.agents.outbox.OutboxMessage;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.CountingDriver;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The Slack outbox through the whole application: messages survive the process that committed them, Slack's
 * {@code 429} and {@code 5xx} answers lose nothing and keep the order, and status updates are coalesced within the
 * {@code chat.update} budget.
 */
abstract class OutboxIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    abstract TestDatabase database();

    /** An answer long enough to be split into three thread replies, each starting with its part's marker. */
    private static String threePartAnswer() {
        return "PART-A " + "a".repeat(3_890) + " PART-B " + "b".repeat(3_890) + " PART-C the end";
    }

    @Test
    void rateLimitsAndServerErrorsLoseNoMessageAndKeepTheOrder() throws Exception {
        try (AlfredTestApp app = AlfredTestApp.start(database(), Map.of("alfred.outbox.initial-backoff", "200ms"))) {
            CountDownLatch answer = new CountDownLatch(1);
            app.model.respondWith(request -> {
                await().atMost(WAIT).until(() -> answer.getCount() == 0);
                return new FakeOpenAi.Text(threePartAnswer());
            });
            String runId = app.startTask(app.user("U1"), "write a long answer");
            Run run = await().atMost(WAIT).until(() -> app.run(runId), r -> r.threadTs() != null);
            app.slack.failHttpNext("chat.postMessage", 429, 2, 1);
            app.slack.failHttpNext("chat.postMessage", 500, 2, 0);
            app.slack.failHttpNext("chat.postMessage", 503, 1, 0);

            answer.countDown();

            app.awaitStatus(runId, RunStatus.SUCCEEDED);
            List<String> replies = await().atMost(WAIT).until(() -> texts(app.slack, run),
                    texts -> texts.stream().anyMatch(text -> text.contains("PART-C")));
            assertThat(replies).filteredOn(text -> text.contains("PART-")).hasSize(3);
            assertThat(replies.stream().filter(text -> text.contains("PART-")).map(text -> text.replaceAll(
                    "(?s).*?(PART-[ABC]).*", "$1")).toList()).containsExactly("PART-A", "PART-B", "PART-C");
            List<LocalSlack.Rejected> rejected = app.slack.rejected();
            assertThat(rejected).extracting(LocalSlack.Rejected::status).containsExactly(429, 429, 500, 500, 503);
            assertThat(Duration.ofNanos(rejected.get(1).atNanos() - rejected.get(0).atNanos()))
                    .as("the second attempt waited for Retry-After: 1").isGreaterThanOrEqualTo(Duration.ofMillis(900));
            await().atMost(WAIT).until(() -> app.context.getBean(Outbox.class).pending(runId) == 0);
            assertThat(app.context.getBean(Outbox.class).ofRun(runId)).extracting(OutboxMessage::status)
                    .containsOnly(OutboxMessage.Status.DELIVERED);
        }
    }

    @Test
    void messagesCommittedByAProcessThatDiesBeforeSendingThemAreDeliveredByTheNext() throws Exception {
        TestDatabase database = database();
        AlfredTestApp first = AlfredTestApp.start(database, Map.of("alfred.outbox.enabled", false));
        String runId;
        Run run;
        try {
            first.model.then(new FakeOpenAi.Text("the committed answer"));
            runId = first.startTask(first.user("U1"), "answer and die");
            run = first.awaitStatus(runId, RunStatus.SUCCEEDED);
            assertThat(first.context.getBean(Outbox.class).pending(runId)).isPositive();
            assertThat(texts(first.slack, run)).noneMatch(text -> text.contains("the committed answer"));
            assertThat(AlfredTestApp.ackText(first.user("U1").command("C1", "status")))
                    .contains("*Slack outbox:* " + first.context.getBean(Outbox.class).pending() + " thread message(s) "
                            + "waiting to be delivered");
        } finally {
            first.stop();
        }

        try (AlfredTestApp second = AlfredTestApp.start(database, Map.of())) {
            List<String> replies = await().atMost(WAIT).until(() -> texts(second.slack, run),
                    texts -> texts.stream().anyMatch(text -> text.contains("the committed answer")));
            assertThat(replies).filteredOn(text -> text.contains("the committed answer")).hasSize(1);
            assertThat(second.slack.calls("chat.postMessage")).filteredOn(call -> call.arg("thread_ts") == null)
                    .as("the root message was posted by the first process, not again").isEmpty();
            await().atMost(WAIT).until(() -> second.context.getBean(Outbox.class).pending(runId) == 0);
        }
    }

    @Test
    void statusUpdatesBeyondTheBudgetAreCoalescedIntoOnePendingUpdate() throws Exception {
        Map<String, Object> properties = new HashMap<>(CountingDriver.properties(database()));
        properties.put("alfred.outbox.updates-per-minute", 3);
        try (AlfredTestApp app = AlfredTestApp.start(database(), properties)) {
            int calls = 8;
            app.model.respondWith(request -> request.path("messages").size() < 2 + 2 * calls
                    ? new FakeOpenAi.ToolCall("no_such_tool", "{\"i\":" + request.path("messages").size() + "}")
                    : new FakeOpenAi.Text("done after " + calls + " calls"));
            String runId = app.startTask(app.user("U1"), "take many steps");
            Run run = app.awaitStatus(runId, RunStatus.SUCCEEDED);
            await().atMost(WAIT).until(() -> texts(app.slack, run).stream().anyMatch(t -> t.contains("done after")));
            await().pollDelay(Duration.ofMillis(500)).atMost(WAIT)
                    .until(() -> app.context.getBean(Outbox.class).pending(runId) == 1);

            String statusTs = app.run(runId).statusMessageTs();
            assertThat(statusTs).isNotNull();
            assertThat(app.slack.calls("chat.update")).filteredOn(call -> statusTs.equals(call.arg("ts")))
                    .as("updates of the status message within the budget of 3").hasSizeLessThanOrEqualTo(3);
            List<OutboxMessage> pending = app.context.getBean(Outbox.class).ofRun(runId).stream()
                    .filter(message -> message.status() == OutboxMessage.Status.PENDING).toList();
            assertThat(pending).singleElement().satisfies(update -> {
                assertThat(update.coalesceKey()).isEqualTo(Outbox.STATUS_PREFIX + runId);
                assertThat(update.body()).as("the latest state, not a queue of old ones").contains("done");
            });

            // The budget spent, the drainer polls (every 250 ms) without reading the pending updates again.
            Map<String, Long> before = CountingDriver.statements();
            Thread.sleep(1_500);
            assertThat(CountingDriver.difference(before, CountingDriver.statements()).keySet())
                    .as("reads of the pending status updates while the budget is spent")
                    .noneMatch(statement -> statement.contains("coalesce_key IS NOT NULL"));
        }
    }

    private static List<String> texts(LocalSlack slack, Run run) {
        return slack.threadReplies(run.threadTs()).stream().map(call -> call.arg("text")).toList();
    }
}
