package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.Step;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.SlackRequests;
import dev.alfred.bot.support.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A task end to end through HTTP: signed slash command → run recorded and enqueued → root message → status
 * updates → model turns and tool calls → answer in the thread. Runs once per database (see the subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TaskFlowIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(40);

    AlfredTestApp app;

    abstract TestDatabase database();

    @BeforeAll
    void startAlfred() throws Exception {
        app = AlfredTestApp.start(database(), Map.of());
    }

    @AfterAll
    void stopAlfred() {
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    void resetModel() {
        app.model.reset();
    }

    @Test
    void aBurstOfTasksWithSlackRetriesRecordsEachTaskOnce() throws Exception {
        app.model.respondWith(request -> new FakeOpenAi.Text("done"));
        int tasks = 12;
        ExecutorService clients = Executors.newFixedThreadPool(2 * tasks);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> acks = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                Map<String, String> command = SlackRequests.slashCommand("task burst " + i);
                for (int copy = 0; copy < 2; copy++) {
                    acks.add(clients.submit(() -> {
                        start.await();
                        return app.requests.form(command);
                    }));
                }
            }
            start.countDown();

            List<String> texts = new ArrayList<>();
            for (Future<HttpResponse<String>> ack : acks) {
                HttpResponse<String> response = ack.get(30, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                texts.add(JSON.readTree(response.body()).path("text").asText());
            }
            assertThat(texts).as("each task and its retry: one accepted, one known")
                    .filteredOn(text -> text.startsWith("On it: run `")).hasSize(tasks);
            assertThat(texts).filteredOn(text -> text.equals("I already have this request; see its thread."))
                    .hasSize(tasks);
            List<String> runIds = texts.stream().filter(text -> text.startsWith("On it")).map(text -> text.substring(
                    text.indexOf('`') + 1, text.indexOf('`', text.indexOf('`') + 1))).toList();
            assertThat(runIds).doesNotHaveDuplicates().allSatisfy(runId -> {
                Run run = awaitEnd(runId);
                assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
                assertThat(app.context.getBean(RunStore.class).transcript(runId)).hasSizeGreaterThanOrEqualTo(2);
            });
            assertThat(app.runs()).filteredOn(run -> run.task().startsWith("burst ")).hasSize(tasks)
                    .extracting(Run::task).doesNotHaveDuplicates();
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void taskOpensThreadCallsToolAndPostsTheAnswerInTheThread() throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("http_get", "{\"url\":\"" + app.slack.statusPageUrl() + "\"}"),
                new FakeOpenAi.Text("payments-api is *degraded*: INC-2291."));

        HttpResponse<String> ack = app.requests.command("task is payments healthy?");

        assertThat(ack.statusCode()).isEqualTo(200);
        String runId = runIdFrom(ack.body());
        Run run = awaitEnd(runId);
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.finalAnswer()).isEqualTo("payments-api is *degraded*: INC-2291.");

        LocalSlack.Call root = app.slack.calls("chat.postMessage").stream()
                .filter(call -> run.threadTs().equals(call.ts())).findFirst().orElseThrow();
        assertThat(root.arg("thread_ts")).isNull();
        assertThat(root.arg("channel")).isEqualTo("C1");
        assertThat(root.arg("text")).contains("<@U1>", "is payments healthy?");
        List<LocalSlack.Call> replies = await().atMost(Duration.ofSeconds(30))
                .until(() -> app.slack.threadReplies(run.threadTs()), calls -> calls.size() >= 2);
        assertThat(replies).extracting(call -> call.arg("text"))
                .anySatisfy(text -> assertThat(text).contains("Step 1/30", "thinking"))
                .last().satisfies(text -> assertThat(text).contains("<@U1> here is my answer:",
                        "payments-api is *degraded*: INC-2291."));
        // Intermediate states ("calling http_get") may be coalesced away; the last state always arrives.
        String statusTs = replies.get(0).ts();
        await().atMost(Duration.ofSeconds(30)).until(() -> app.slack.calls("chat.update").stream()
                .anyMatch(call -> statusTs.equals(call.arg("ts")) && call.arg("text").contains("done")));

        List<JsonNode> requests = app.model.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).path("tools").findValuesAsText("name")).contains("http_get");
        JsonNode messages = requests.get(1).path("messages");
        JsonNode toolCall = messages.get(messages.size() - 2);
        JsonNode toolResult = messages.get(messages.size() - 1);
        assertThat(toolCall.path("role").asText()).isEqualTo("assistant");
        assertThat(toolCall.path("tool_calls").get(0).path("function").path("name").asText()).isEqualTo("http_get");
        assertThat(toolResult.path("role").asText()).isEqualTo("tool");
        assertThat(toolResult.path("tool_call_id").asText()).startsWith("call_")
                .isEqualTo(toolCall.path("tool_calls").get(0).path("id").asText());
        assertThat(toolResult.path("content").asText()).contains("HTTP 200", "INC-2291");

        List<Step> steps = app.context.getBean(RunStore.class).steps(runId);
        assertThat(steps).extracting(Step::stepNo).containsExactly(1, 2, 3);
        assertThat(steps).extracting(step -> step.kind().name())
                .containsExactly("MODEL_TURN", "TOOL_CALL", "MODEL_TURN");
    }

    @Test
    void modelErrorEndsTheRunWithTheReasonInTheThread() throws Exception {
        app.model.then(new FakeOpenAi.Failure(401, "Incorrect API key provided"));

        String runId = runIdFrom(app.requests.command("task summarise yesterday's incidents").body());

        Run run = awaitEnd(runId);
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.failureReason()).contains("401");
        app.awaitDelivered(runId);
        assertThat(app.slack.threadReplies(run.threadTs())).extracting(call -> call.arg("text"))
                .anySatisfy(text -> assertThat(text).contains(":x:", "<@U1>", runId, "failed", "401"));
    }

    @Test
    void longAnswersAreSplitAndEscapedSoTheyCannotMentionEveryone() throws Exception {
        String answer = "<!channel> see <https://evil.example|here> & more\n" + "word ".repeat(2_000);
        app.model.then(new FakeOpenAi.Text(answer));

        Run run = awaitEnd(runIdFrom(app.requests.command("task write a long report").body()));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> answerParts = app.slack.threadReplies(run.threadTs()).stream()
                    .map(call -> call.arg("text")).filter(text -> !text.contains("Step ")).toList();
            assertThat(String.join(" ", answerParts).split("word", -1)).hasSize(2_001);
            assertThat(answerParts).hasSizeGreaterThan(1)
                    .allSatisfy(text -> assertThat(text.length()).isLessThan(4_000));
            assertThat(answerParts.get(0)).contains("&lt;!channel&gt;",
                    "&lt;https://evil.example|here&gt; &amp; more").doesNotContain("<!channel>");
        });
    }

    @Test
    void theSameSlashCommandDeliveredTwiceStartsOneRun() throws Exception {
        app.model.then(new FakeOpenAi.Text("done"));
        Map<String, String> command = dev.alfred.bot.support.SlackRequests.slashCommand("task once only");
        int before = app.runs().size();

        HttpResponse<String> first = app.requests.form(command);
        HttpResponse<String> second = app.requests.form(command);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("already have this request");
        assertThat(app.runs()).hasSize(before + 1);
        awaitEnd(runIdFrom(first.body()));
    }

    @Test
    void statusOfARunShowsItsState() throws Exception {
        app.model.then(new FakeOpenAi.Text("all good"));
        String runId = runIdFrom(app.requests.command("task check things").body());
        awaitEnd(runId);

        String status = ackText(app.requests.command("status " + runId));

        assertThat(status).contains(runId, "SUCCEEDED", "<#C1>");
        assertThat(ackText(app.requests.command("status"))).contains("SUCCEEDED");
        assertThat(ackText(app.requests.command("status nosuchrun"))).contains("There is no run `nosuchrun`");
    }

    @Test
    void nonAsciiTaskTextPassesVerificationAndKeepsItsCharacters() throws Exception {
        app.model.then(new FakeOpenAi.Text("ça va ☕"));

        HttpResponse<String> ack = app.requests.command("task vérifie le café ☕ für Zoë");

        assertThat(ackText(ack)).startsWith("On it: run `");
        Run run = awaitEnd(runIdFrom(ack.body()));
        assertThat(run.task()).isEqualTo("vérifie le café ☕ für Zoë");
        assertThat(run.finalAnswer()).isEqualTo("ça va ☕");
    }

    @Test
    void passingSlackErrorsWhilePostingAreRetriedAndNothingIsLost() throws Exception {
        app.model.then(new FakeOpenAi.Text("answer despite hiccups"));
        int failedBefore = app.slack.calls("chat.postMessage").size();
        app.slack.failNext("chat.postMessage", "internal_error", 2);

        Run run = awaitEnd(runIdFrom(app.requests.command("task survive slack hiccups").body()));

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.threadTs()).isNotNull();
        List<LocalSlack.Call> posts = app.slack.calls("chat.postMessage");
        assertThat(posts.subList(failedBefore, failedBefore + 3)).extracting(call -> call.arg("text"))
                .allSatisfy(text -> assertThat(text).contains("survive slack hiccups"));
        app.awaitDelivered(run.id());
        assertThat(app.slack.threadReplies(run.threadTs())).extracting(call -> call.arg("text"))
                .anySatisfy(text -> assertThat(text).contains("answer despite hiccups"));
    }

    @Test
    void aRateLimitedRootMessageWaitsOutEachRetryAfterInsteadOfGivingUp() throws Exception {
        app.runs().forEach(earlier -> app.awaitDelivered(earlier.id()));
        app.model.then(new FakeOpenAi.Text("answer after the rate limit"));
        int rejectedBefore = app.slack.rejected().size();
        // Refused 7 times in a row, as in a channel whose posting limit the outbox's queued posts use up: the ack's
        // own try, then the run's. Four tries in 3.5 s, as posts had, left the run to JobRunr's poll and back-off.
        app.slack.failHttpNext("chat.postMessage", 429, 7, 1);

        Run run = awaitEnd(runIdFrom(app.requests.command("task wait out the rate limit").body()));

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.threadTs()).isNotNull();
        List<LocalSlack.Rejected> rejected = app.slack.rejected().subList(rejectedBefore, app.slack.rejected().size());
        assertThat(rejected).hasSize(7);
        for (int i = 2; i < rejected.size(); i++) {
            assertThat(Duration.ofNanos(rejected.get(i).atNanos() - rejected.get(i - 1).atNanos()))
                    .as("the run's try %d came after the Retry-After (1 s) of the one before", i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
    }

    static String ackText(HttpResponse<String> ack) throws Exception {
        assertThat(ack.statusCode()).isEqualTo(200);
        return JSON.readTree(ack.body()).path("text").asText();
    }

    static String runIdFrom(String ackBody) throws Exception {
        String text = JSON.readTree(ackBody).path("text").asText();
        int start = text.indexOf("run `") + 5;
        assertThat(start).as("ack names the run: %s", text).isGreaterThan(4);
        return text.substring(start, text.indexOf('`', start));
    }

    Run awaitEnd(String runId) {
        return await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> app.run(runId), run -> run.status().isTerminal()
                        && app.slack.threadReplies(run.threadTs() == null ? "-" : run.threadTs()).stream()
                                .anyMatch(call -> call.arg("text").contains(run.status() == RunStatus.SUCCEEDED
                                        ? "here is my answer" : "failed")));
    }

}
