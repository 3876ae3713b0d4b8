package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.StagedActionStatus;
import dev.alfred.agents.audit.AuditEvent;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.demo.SlackUser;
import dev.alfred.bot.slack.blocks.ApprovalCards;
import dev.alfred.bot.slack.blocks.RunControls;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Stop button on a run's status message ({@code run.stop}, value the run id), through signed clicks: the
 * requester or an admin (this policy names {@code U3} for {@code /alfred cancel}) ends the run {@code CANCELLED}
 * within one step, withdrawing open approvals; anyone else is refused with an ephemeral message and the refusal is
 * audited. Runs once per database (see the subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StopButtonIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String POLICY = """
            commands:
              control: {users: [U3]}
            rules:
              - {id: reads, match: {tier: read}, decision: allow}
              - {id: writes, match: {tier: write}, decision: require_approval}
            """;

    AlfredTestApp app;
    SlackUser requester;

    abstract TestDatabase database();

    @BeforeAll
    void startAlfred() throws Exception {
        app = AlfredTestApp.startWithPolicy(database(), POLICY, Map.of());
        requester = app.user("U1");
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
    void theRequesterStopsARunDuringItsModelCallAndNothingAfterTheCallRuns() throws Exception {
        CountDownLatch modelCalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        app.model.respondWith(request -> {
            modelCalled.countDown();
            awaitLatch(release);
            return AlfredTestApp.postCall("C2", "should never be staged");
        });
        String runId = app.startTask(requester, "announce the release in C2");
        assertThat(modelCalled.await(30, TimeUnit.SECONDS)).isTrue();
        Run running = app.run(runId);
        LocalSlack.Call status = statusMessage(running);

        click(requester, running, status);

        Run stopped = app.awaitStatus(runId, RunStatus.CANCELLED);
        release.countDown();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> app.model.requests().size() == 1);
        assertThat(app.auditKinds(runId)).doesNotContain("approval.staged").containsOnlyOnce("run.cancelled");
        assertThat(app.audit(runId)).filteredOn(e -> e.kind().equals("run.cancelled")).singleElement()
                .extracting(AuditEvent::actorUserId).isEqualTo("U1");
        assertThat(app.threadTexts(stopped)).anySatisfy(text -> assertThat(text).contains("Cancelled by <@U1>"));
        assertThat(app.postsTo("C2")).isEmpty();
        LocalSlack.Call lastUpdate = await().atMost(WAIT).until(() -> lastStatusUpdate(status),
                update -> update != null && update.arg("text").contains("cancelled"));
        assertThat(lastUpdate.arg("text")).startsWith(":stop_sign:");
        assertThat(String.valueOf(lastUpdate.arg("blocks"))).doesNotContain(RunControls.STOP);
    }

    @Test
    void anAdminStopsSomeoneElsesRun() throws Exception {
        Run waiting = waitingForReply("check the queue depth");

        click(app.user("U3"), waiting, statusMessage(waiting));

        app.awaitStatus(waiting.id(), RunStatus.CANCELLED);
        assertThat(app.audit(waiting.id())).filteredOn(e -> e.kind().equals("run.cancelled")).singleElement()
                .extracting(AuditEvent::actorUserId).isEqualTo("U3");
        assertThat(ephemeralsTo("U3")).isEmpty();
    }

    @Test
    void anyoneElseIsRefusedWithAnEphemeralMessageAndTheRefusalIsAudited() throws Exception {
        Run waiting = waitingForReply("check the error budget");

        click(app.user("U2"), waiting, statusMessage(waiting));

        await().atMost(WAIT).until(() -> !ephemeralsTo("U2").isEmpty());
        assertThat(ephemeralsTo("U2")).last().satisfies(call -> {
            assertThat(call.arg("text")).contains("Only the requester (<@U1>) or an admin can stop this run");
            assertThat(call.arg("channel")).isEqualTo("C1");
            assertThat(call.arg("thread_ts")).isEqualTo(waiting.threadTs());
        });
        assertThat(app.run(waiting.id()).status()).isEqualTo(RunStatus.WAITING_FOR_REPLY);
        assertThat(app.audit(waiting.id())).filteredOn(e -> e.kind().equals("run.stop_refused")).singleElement()
                .extracting(AuditEvent::actorUserId).isEqualTo("U2");
        requester.reply("C1", waiting.threadTs(), "never mind", "Ev-stop-cleanup-" + waiting.id());
        app.awaitStatus(waiting.id(), RunStatus.SUCCEEDED);
    }

    @Test
    void stoppingWhileAnApprovalCardIsOpenWithdrawsItAndNothingIsPosted() throws Exception {
        app.model.then(AlfredTestApp.postCall("C2", "gated"), new FakeOpenAi.Text("never"));
        String runId = app.startTask(requester, "post the gated note to C2");
        Run waiting = app.awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);
        LocalSlack.Call card = app.card(waiting);
        String actionId = ApprovalCards.approveButtonValue(card.arg("blocks"));

        click(requester, waiting, statusMessage(waiting));

        app.awaitStatus(runId, RunStatus.CANCELLED);
        assertThat(app.context.getBean(Approvals.class).find(actionId).orElseThrow().status())
                .isEqualTo(StagedActionStatus.WITHDRAWN);
        app.awaitDelivered(runId);
        assertThat(app.slack.calls("chat.update")).filteredOn(call -> card.ts().equals(call.arg("ts"))).last()
                .satisfies(update -> assertThat(update.arg("text")).contains("Withdrawn"))
                .satisfies(update -> assertThat(String.valueOf(update.arg("blocks"))).doesNotContain(
                        ApprovalCards.APPROVE));
        requester.click("C1", card.ts(), waiting.threadTs(), ApprovalCards.APPROVE, actionId);
        assertThat(app.context.getBean(Approvals.class).find(actionId).orElseThrow().status())
                .isEqualTo(StagedActionStatus.WITHDRAWN);
        assertThat(app.postsTo("C2")).isEmpty();
        assertThat(app.model.requests()).hasSize(1);
    }

    @Test
    void aSecondClickAfterTheRunEndedChangesNothing() throws Exception {
        Run waiting = waitingForReply("check the backlog");
        LocalSlack.Call status = statusMessage(waiting);
        click(requester, waiting, status);
        app.awaitStatus(waiting.id(), RunStatus.CANCELLED);

        click(requester, waiting, status);

        await().atMost(WAIT).until(() -> ephemeralsTo("U1").stream()
                .anyMatch(call -> call.arg("text").contains("Run `" + waiting.id() + "` had already ended")));
        assertThat(app.auditKinds(waiting.id())).containsOnlyOnce("run.cancelled");
    }

    private Run waitingForReply(String task) throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("ask_human", "{\"question\":\"Which one?\"}"),
                new FakeOpenAi.Text("done"));
        return app.awaitStatus(app.startTask(requester, task), RunStatus.WAITING_FOR_REPLY);
    }

    /** @return the run's status message as first posted, once it carries the Stop button */
    private LocalSlack.Call statusMessage(Run run) {
        return await().atMost(WAIT).until(() -> app.slack.threadReplies(run.threadTs()).stream()
                .filter(call -> String.valueOf(call.arg("blocks")).contains(RunControls.STOP)).findFirst()
                .orElse(null), call -> call != null);
    }

    private LocalSlack.Call lastStatusUpdate(LocalSlack.Call status) {
        List<LocalSlack.Call> updates = app.slack.calls("chat.update").stream()
                .filter(call -> status.ts().equals(call.arg("ts"))).toList();
        return updates.isEmpty() ? null : updates.get(updates.size() - 1);
    }

    private void click(SlackUser who, Run run, LocalSlack.Call status) throws Exception {
        assertThat(who.click(run.channelId(), status.ts(), run.threadTs(), RunControls.BLOCK_ID, RunControls.STOP,
                run.id()).statusCode()).isEqualTo(200);
    }

    private List<LocalSlack.Call> ephemeralsTo(String userId) {
        return app.slack.calls("chat.postEphemeral").stream().filter(call -> userId.equals(call.arg("user")))
                .toList();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
