package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.approvals.StagedActionStatus;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.TranscriptRole;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.demo.SlackUser;
import dev.alfred.bot.slack.blocks.ApprovalCards;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.CountingDriver;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Clarifying questions and approval-gated side effects through HTTP with signed requests, against the fake Slack
 * and fake model servers. Runs once per database (see the subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApprovalFlowIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String POST_TO_C2 = "{\"channel\":\"C2\",\"text\":\"deploy finished\"}";

    AlfredTestApp app;
    int slackCallsBefore;
    SlackUser ada;
    SlackUser bob;

    abstract TestDatabase database();

    @BeforeAll
    void startAlfred() throws Exception {
        TestDatabase database = database();
        app = AlfredTestApp.start(database, CountingDriver.properties(database));
        ada = app.user("U1");
        bob = app.user("U2");
    }

    @AfterAll
    void stopAlfred() {
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    void resetModelAndSlackBaseline() {
        app.model.reset();
        slackCallsBefore = app.slack.calls().size();
    }

    @Test
    void questionIsAskedInTheThreadAndTheReplyResumesTheRun() throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("ask_human", "{\"question\":\"Which region?\"}"),
                new FakeOpenAi.Text("Checked eu-west-1."));
        String runId = start("check latency");
        Run waiting = awaitStatus(runId, RunStatus.WAITING_FOR_REPLY);
        assertThat(texts(waiting)).anySatisfy(text -> assertThat(text).contains(":question: <@U1> Which region?"));

        ada.reply("C1", "1699999999.000001", "not this thread", "Ev-other-" + runId);
        ada.reply("C1", waiting.threadTs(), "an edit is not an answer", "Ev-edit-" + runId, "message_changed");
        assertThat(app.run(runId).status()).isEqualTo(RunStatus.WAITING_FOR_REPLY);
        ada.reply("C1", waiting.threadTs(), "eu-west-1", "Ev-answer-" + runId, "thread_broadcast");

        Run done = awaitStatus(runId, RunStatus.SUCCEEDED);
        assertThat(done.finalAnswer()).isEqualTo("Checked eu-west-1.");
        JsonNode lastMessage = last(app.model.requests().get(1).path("messages"));
        assertThat(lastMessage.path("role").asText()).isEqualTo("tool");
        assertThat(lastMessage.path("content").asText()).isEqualTo("Reply from <@U1>: eu-west-1");
    }

    @Test
    void theSameReplyDeliveredFourTimesConcurrentlyIsAppliedOnce() throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("ask_human", "{\"question\":\"Go ahead?\"}"),
                new FakeOpenAi.Text("went ahead"));
        String runId = start("ask first");
        Run waiting = awaitStatus(runId, RunStatus.WAITING_FOR_REPLY);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<HttpResponse<String>>> deliveries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            deliveries.add(pool.submit(() -> ada.reply("C1", waiting.threadTs(), "yes", "Ev-dup-" + runId)));
        }
        for (Future<HttpResponse<String>> delivery : deliveries) {
            assertThat(delivery.get().statusCode()).isEqualTo(200);
        }
        pool.shutdown();

        awaitStatus(runId, RunStatus.SUCCEEDED);
        assertThat(app.context.getBean(RunStore.class).transcript(runId))
                .filteredOn(entry -> entry.role() == TranscriptRole.TOOL_RESULT).hasSize(1);
        assertThat(app.context.getBean(RunStore.class).transcript(runId))
                .filteredOn(entry -> entry.role() == TranscriptRole.USER).hasSize(1);
        assertThat(app.model.requests()).hasSize(2);
    }

    @Test
    void theSameSlashCommandDeliveredFourTimesConcurrentlyStartsOneRun() throws Exception {
        app.model.then(new FakeOpenAi.Text("once"));
        String triggerId = "trigger.dup-" + System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<HttpResponse<String>>> deliveries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            deliveries.add(pool.submit(() -> ada.command("C1", "task only once please", triggerId)));
        }
        List<String> acks = new ArrayList<>();
        for (Future<HttpResponse<String>> delivery : deliveries) {
            acks.add(AlfredTestApp.ackText(delivery.get()));
        }
        pool.shutdown();

        assertThat(acks).filteredOn(ack -> ack.startsWith("On it")).hasSize(1);
        assertThat(acks).filteredOn(ack -> ack.contains("already have this request")).hasSize(3);
        List<Run> runs = app.runs().stream().filter(run -> run.task().equals("only once please")).toList();
        assertThat(runs).hasSize(1);
        awaitStatus(runs.get(0).id(), RunStatus.SUCCEEDED);
        assertThat(app.slack.calls("chat.postMessage")).filteredOn(call -> call.arg("thread_ts") == null
                && call.arg("text").contains("only once please")).hasSize(1);
    }

    @Test
    void approveExecutesTheActionOnceAndUpdatesTheCardInPlace() throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("slack_post_message", POST_TO_C2),
                new FakeOpenAi.Text("posted it"));
        String runId = start("announce the deploy");
        Run waiting = awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);
        LocalSlack.Call card = card(waiting);
        String actionId = actionId(card);
        assertThat(card.arg("blocks")).contains("approval.approve", "approval.edit", "approval.reject",
                "approval.reject_and_end");
        assertThat(blockTexts(card)).contains("deploy finished", "(risk: *write*)",
                "Approvers: <@U1> (the requester) · 1 approval needed");

        ada.reply("C1", waiting.threadTs(), "also mention the ticket", "Ev-input-" + runId);
        HttpResponse<String> click = ada.click("C1", card.ts(), waiting.threadTs(), "approval.approve", actionId);
        assertThat(click.statusCode()).isEqualTo(200);
        awaitStatus(runId, RunStatus.SUCCEEDED);
        Map<String, Long> before = CountingDriver.statements();
        ada.click("C1", card.ts(), waiting.threadTs(), "approval.approve", actionId);
        assertThat(CountingDriver.difference(before, CountingDriver.statements()).keySet())
                .as("a click on a decided card is answered from a read, without the action's row lock")
                .noneMatch(statement -> statement.contains("UPDATE staged_actions SET status = status"));

        assertThat(postsTo("C2")).containsExactly("deploy finished");
        assertThat(action(actionId).status()).isEqualTo(StagedActionStatus.EXECUTED);
        LocalSlack.Call updated = cardUpdate(card);
        assertThat(updated.arg("text")).contains("Approved by <@U1>");
        assertThat(updated.arg("blocks")).doesNotContain("approval.approve");
        await().atMost(WAIT).untilAsserted(() -> assertThat(app.slack.calls("chat.postEphemeral"))
                .anySatisfy(call -> assertThat(call.arg("text")).contains("Already decided", "Approved by <@U1>")));
        JsonNode messages = app.model.requests().get(1).path("messages");
        assertThat(messages.get(messages.size() - 2).path("content").asText())
                .startsWith("<tool_output tool=\"slack_post_message\" trust=\"untrusted\">\nPosted in C2")
                .containsOnlyOnce("</tool_output>");
        assertThat(last(messages).path("content").asText())
                .isEqualTo("New message in the thread from <@U1>: also mention the ticket");
    }

    @Test
    void someoneOtherThanTheRequesterIsRefusedAndTheActionStaysPending() throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("slack_post_message", POST_TO_C2), new FakeOpenAi.Text("ok"));
        String runId = start("post something");
        Run waiting = awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);
        LocalSlack.Call card = card(waiting);
        String actionId = actionId(card);

        assertThat(bob.click("C1", card.ts(), waiting.threadTs(), "approval.approve", actionId).statusCode())
                .isEqualTo(200);
        bob.click("C1", card.ts(), waiting.threadTs(), "approval.reject", actionId);

        assertThat(action(actionId).status()).isEqualTo(StagedActionStatus.PENDING);
        await().atMost(WAIT).untilAsserted(() -> assertThat(app.slack.calls("chat.postEphemeral"))
                .filteredOn(call -> "U2".equals(call.arg("user")))
                .hasSize(2).allSatisfy(call -> assertThat(call.arg("text")).contains("Only <@U1>")));
        assertThat(app.audit(runId))
                .filteredOn(event -> event.kind().equals("approval.refused"))
                .hasSize(2).allSatisfy(event -> assertThat(event.actorUserId()).isEqualTo("U2"));
        assertThat(postsTo("C2")).isEmpty();

        ada.click("C1", card.ts(), waiting.threadTs(), "approval.approve", actionId);
        awaitStatus(runId, RunStatus.SUCCEEDED);
    }

    @Test
    void editedArgumentsAreValidatedThenExecutedAndTheModelIsTold() throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("slack_post_message", POST_TO_C2), new FakeOpenAi.Text("ok"));
        String runId = start("post with edit");
        Run waiting = awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);
        LocalSlack.Call card = card(waiting);
        String actionId = actionId(card);

        ada.click("C1", card.ts(), waiting.threadTs(), "approval.edit", actionId);
        await().atMost(WAIT).until(() -> !app.slack.calls("views.open").isEmpty());
        LocalSlack.Call modal = last(app.slack.calls("views.open"));
        assertThat(modal.arg("trigger_id")).startsWith("trigger.");
        assertThat(modal.arg("view")).contains("approval.edit", actionId, "deploy finished");

        HttpResponse<String> invalid = ada.submit("approval.edit", actionId, "arguments", "{\"channel\":\"C2\"}");
        assertThat(invalid.body()).contains("\"response_action\":\"errors\"", "text");
        assertThat(action(actionId).status()).isEqualTo(StagedActionStatus.PENDING);

        HttpResponse<String> valid = ada.submit("approval.edit", actionId, "arguments",
                "{\"channel\": \"C2\", \"text\": \"deploy finished (edited)\"}");
        assertThat(valid.statusCode()).isEqualTo(200);
        assertThat(valid.body()).doesNotContain("errors");

        awaitStatus(runId, RunStatus.SUCCEEDED);
        assertThat(postsTo("C2")).containsExactly("deploy finished (edited)");
        StagedAction action = action(actionId);
        assertThat(action.arguments()).isEqualTo(POST_TO_C2);
        assertThat(action.editedArguments()).isEqualTo("{\"channel\":\"C2\",\"text\":\"deploy finished (edited)\"}");
        assertThat(last(app.model.requests().get(1).path("messages")).path("content").asText())
                .startsWith("Approved after <@U1> edited the arguments")
                .contains("deploy finished (edited)", "<tool_output tool=\"slack_post_message\" trust=\"untrusted\">"
                        + "\nPosted in C2").containsOnlyOnce("<tool_output").containsOnlyOnce("</tool_output>");
        assertThat(cardUpdate(card).arg("text")).contains("Edited and approved by <@U1>");
    }

    @Test
    void rejectionWithAReasonGoesBackToTheModelAndNothingRuns() throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("slack_post_message", POST_TO_C2),
                new FakeOpenAi.Text("understood, not posting"));
        String runId = start("post maybe");
        Run waiting = awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);
        String actionId = actionId(card(waiting));

        ada.submit("approval.reject", actionId, "reason", "not today");

        Run done = awaitStatus(runId, RunStatus.SUCCEEDED);
        assertThat(done.finalAnswer()).isEqualTo("understood, not posting");
        assertThat(last(app.model.requests().get(1).path("messages")).path("content").asText())
                .contains("rejected by <@U1>: not today");
        assertThat(postsTo("C2")).isEmpty();
        assertThat(action(actionId).status()).isEqualTo(StagedActionStatus.REJECTED);
    }

    @Test
    void rejectAndEndCancelsTheRunWithTheReason() throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("slack_post_message", POST_TO_C2));
        String runId = start("post or stop");
        Run waiting = awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);
        LocalSlack.Call card = card(waiting);
        String actionId = actionId(card);

        ada.submit("approval.reject_and_end", actionId, "reason", "wrong channel");

        Run cancelled = awaitStatus(runId, RunStatus.CANCELLED);
        assertThat(cancelled.failureReason()).contains("<@U1>", "wrong channel");
        assertThat(texts(cancelled)).anySatisfy(text -> assertThat(text).contains("ended run", "wrong channel"));
        assertThat(cardUpdate(card).arg("text")).contains("Rejected by <@U1>", "wrong channel");
        assertThat(app.model.requests()).hasSize(1);
        assertThat(postsTo("C2")).isEmpty();
    }

    @Test
    void doubleAndConcurrentClicksExecuteEachActionExactlyOnce() throws Exception {
        app.model.respondWith(request -> {
            JsonNode messages = request.path("messages");
            String task = messages.get(1).path("content").asText();
            return "tool".equals(last(messages).path("role").asText()) ? new FakeOpenAi.Text("done " + task)
                    : new FakeOpenAi.ToolCall("slack_post_message", "{\"channel\":\"C3\",\"text\":\"" + task + "\"}");
        });
        int trials = 100;
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            runIds.add(start("trial-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> clicks = new ArrayList<>();
        for (String runId : runIds) {
            Run waiting = awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);
            LocalSlack.Call card = card(waiting);
            String actionId = actionId(card);
            long offset = ThreadLocalRandom.current().nextLong(0, 51);
            clicks.add(pool.submit(() -> ada.click("C1", card.ts(), waiting.threadTs(), "approval.approve",
                    actionId)));
            clicks.add(pool.submit(() -> {
                Thread.sleep(offset);
                return ada.click("C1", card.ts(), waiting.threadTs(), "approval.approve", actionId);
            }));
        }
        for (Future<?> click : clicks) {
            assertThat(((HttpResponse<?>) click.get()).statusCode()).isEqualTo(200);
        }
        pool.shutdown();

        for (String runId : runIds) {
            awaitStatus(runId, RunStatus.SUCCEEDED);
        }
        List<String> posts = postsTo("C3");
        for (int i = 0; i < trials; i++) {
            String task = "trial-" + i;
            assertThat(posts).as("posts for %s", task).filteredOn(task::equals).hasSize(1);
        }
        assertThat(posts).hasSize(trials);
    }

    String start(String task) throws Exception {
        HttpResponse<String> ack = ada.command("C1", "task " + task);
        assertThat(ack.statusCode()).isEqualTo(200);
        return TaskFlowIT.runIdFrom(ack.body());
    }

    Run awaitStatus(String runId, RunStatus status) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> app.run(runId), run -> run.status() == status);
    }

    List<String> texts(Run run) {
        app.awaitDelivered(run.id());
        return await().atMost(WAIT).until(() -> app.slack.threadReplies(run.threadTs()).stream()
                .map(call -> call.arg("text")).toList(), texts -> !texts.isEmpty());
    }

    LocalSlack.Call card(Run run) {
        return await().atMost(WAIT).until(() -> app.slack.threadReplies(run.threadTs()).stream()
                .filter(call -> call.arg("blocks") != null && call.arg("blocks").contains("approval.approve"))
                .findFirst().orElse(null), card -> card != null);
    }

    LocalSlack.Call cardUpdate(LocalSlack.Call card) {
        return await().atMost(WAIT).until(() -> app.slack.calls("chat.update").stream()
                .filter(call -> card.ts().equals(call.arg("ts")) && !call.arg("text").contains("Waiting"))
                .reduce((first, second) -> second).orElse(null), update -> update != null);
    }

    static String actionId(LocalSlack.Call card) throws Exception {
        String actionId = ApprovalCards.approveButtonValue(card.arg("blocks"));
        assertThat(actionId).as("Approve button on %s", card.arg("blocks")).isNotBlank();
        return actionId;
    }

    StagedAction action(String actionId) {
        return app.context.getBean(Approvals.class).find(actionId).orElseThrow();
    }

    /** @return the texts posted in {@code channel} since this test began */
    List<String> postsTo(String channel) {
        List<LocalSlack.Call> calls = app.slack.calls();
        return calls.subList(slackCallsBefore, calls.size()).stream()
                .filter(call -> call.method().equals("chat.postMessage") && channel.equals(call.arg("channel")))
                .map(call -> call.arg("text")).toList();
    }

    /** @return every {@code text} inside a message's blocks, joined by newlines */
    static String blockTexts(LocalSlack.Call message) throws Exception {
        StringBuilder texts = new StringBuilder();
        JSON.readTree(message.arg("blocks")).findValues("text").forEach(text -> texts.append(
                text.isTextual() ? text.asText() : text.path("text").asText()).append('\n'));
        return texts.toString();
    }

    static JsonNode last(JsonNode array) {
        return array.get(array.size() - 1);
    }

    static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
