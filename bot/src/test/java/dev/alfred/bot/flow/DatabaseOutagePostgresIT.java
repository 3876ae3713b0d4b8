package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.demo.SlackUser;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The database goes away for 30 seconds while a run is in the middle of a model call. Requests during the outage
 * are answered "not recorded, try again" (a slash command with an ephemeral message, an event with 503 and
 * {@code Retry-After}); nothing is acknowledged as done without being recorded; the run finishes after the database
 * returns, and Slack's retry of the refused event is then applied once.
 */
class DatabaseOutagePostgresIT {
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Test
    void requestsDuringAnOutageAreRefusedAsNotRecordedAndRunsContinueAfterIt() throws Exception {
        TestDatabase database = TestDatabase.postgres();
        try (AlfredTestApp app = AlfredTestApp.start(database, Map.of(
                "alfred.runs.lease-duration", "3s",
                "alfred.runs.stale-after", "1s",
                "alfred.runs.sweep-interval", "5s"))) {
            SlackUser ada = app.user("U1");
            CountDownLatch outageStarted = new CountDownLatch(1);
            AtomicInteger asks = new AtomicInteger();
            app.model.respondWith(request -> {
                String task = request.path("messages").get(1).path("content").asText();
                com.fasterxml.jackson.databind.JsonNode messages = request.path("messages");
                com.fasterxml.jackson.databind.JsonNode last = messages.get(messages.size() - 1);
                if (task.equals("ask during the outage")) {
                    return last.path("role").asText().equals("tool")
                            ? new FakeOpenAi.Text("answered: " + last.path("content").asText())
                            : new FakeOpenAi.ToolCall("ask_human", "{\"question\":\"Which region?\"}");
                }
                if (task.equals("survive the outage") && asks.incrementAndGet() == 1) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> outageStarted.getCount() == 0);
                }
                return new FakeOpenAi.Text("finished: " + task);
            });
            String asking = app.startTask(ada, "ask during the outage");
            Run question = app.awaitStatus(asking, RunStatus.WAITING_FOR_REPLY);
            String survivor = app.startTask(ada, "survive the outage");
            await().atMost(Duration.ofSeconds(30)).until(() -> asks.get() == 1);

            database.refuseConnections();
            long outageStart = System.nanoTime();
            try {
                outageStarted.countDown();
                HttpResponse<String> command = ada.command("C1", "task started during the outage");
                HttpResponse<String> reply = ada.reply("C1", question.threadTs(), "eu-west-1", "Ev-outage-1");

                assertThat(AlfredTestApp.ackText(command)).contains("cannot reach its database",
                        "did not record this command", "try again");
                assertThat(reply.statusCode()).isEqualTo(503);
                assertThat(reply.headers().firstValue("Retry-After")).hasValue("30");
                assertThat(reply.body()).contains("nothing was recorded");
                Thread.sleep(Math.max(0, OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - outageStart)
                        .toMillis()));
            } finally {
                database.allowConnections();
            }

            Run finished = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions().until(() -> app.run(survivor), run -> run.status().isTerminal());
            assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(finished.finalAnswer()).isEqualTo("finished: survive the outage");
            assertThat(asks.get()).as("the interrupted model call is made again").isGreaterThanOrEqualTo(2);
            assertThat(app.runs()).extracting(Run::task).doesNotContain("started during the outage");

            assertThat(app.run(asking).status()).as("the refused reply changed nothing")
                    .isEqualTo(RunStatus.WAITING_FOR_REPLY);
            HttpResponse<String> retried = ada.reply("C1", question.threadTs(), "eu-west-1", "Ev-outage-1");
            HttpResponse<String> again = ada.reply("C1", question.threadTs(), "eu-west-1", "Ev-outage-1");
            assertThat(retried.statusCode()).isEqualTo(200);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(app.awaitStatus(asking, RunStatus.SUCCEEDED).finalAnswer()).contains("eu-west-1");
            assertThat(app.auditKinds(asking)).containsOnlyOnce("question.answered");

            String after = app.startTask(ada, "after the outage");
            assertThat(app.awaitStatus(after, RunStatus.SUCCEEDED).finalAnswer()).isEqualTo("finished: after the outage");
        }
    }
}
