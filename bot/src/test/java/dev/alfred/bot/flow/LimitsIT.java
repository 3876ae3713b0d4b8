package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.Step;
import dev.alfred.agents.run.StepKind;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.demo.SlackUser;
import dev.alfred.bot.slack.blocks.ApprovalCards;
import dev.alfred.bot.slack.blocks.ApprovalModals;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Spend caps, the loop guard, the provider-limit block and in-step retries, through signed HTTP against the fake
 * Slack and the fake OpenAI-compatible model. Every model turn of the fake reports 42 prompt and 7 completion tokens;
 * at this test's price of $10,000 per million tokens a turn costs $0.49, against a run cap of $1.00. Posts to
 * {@code C0OK} are allowed without approval, so each turn's side effect is visible there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LimitsIT {
    private static final String POLICY = """
            rules:
              - id: ok-channel
                match: {tool: slack_post_message, args: {channel: {eq: C0OK}}}
                decision: allow
              - {id: reads, match: {tier: read}, decision: allow}
              - {id: writes, match: {tier: write}, decision: require_approval}
            """;

    AlfredTestApp app;
    SlackUser ada;

    abstract TestDatabase database();

    @BeforeAll
    void startAlfred() throws Exception {
        app = AlfredTestApp.startWithPolicy(database(), POLICY, Map.of(
                "alfred.spend.prices", "fake-model=10000/10000",
                "alfred.spend.run-cap", "1.00",
                "alfred.spend.extension", "1.00",
                "alfred.runs.loop-guard-repeats", 2,
                "alfred.model.max-retries", 2,
                "alfred.model.retry-delay", "20ms",
                "alfred.model.retry-max-delay", "100ms"));
        ada = app.user("U1");
    }

    @AfterAll
    void stopAlfred() {
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    void freshModel() {
        app.model.reset();
    }

    @Test
    void aRunAtItsCapParksAndTheExtendButtonContinuesIt() throws Exception {
        AtomicInteger turns = new AtomicInteger();
        app.model.respondWith(request -> {
            int turn = turns.incrementAndGet();
            return turn <= 4 ? AlfredTestApp.postCall("C0OK", "cap update " + turn) : new FakeOpenAi.Text("done");
        });
        String runId = app.startTask(ada, "post four updates");

        Run blocked = app.awaitStatus(runId, RunStatus.BLOCKED);

        // $0.49 a turn: 0.98 < 1.00 allows a third turn, 1.47 stops the fourth; over by less than one turn.
        assertThat(app.model.requests()).hasSize(3);
        assertThat(blocked.spendUsd()).isEqualByComparingTo("1.47");
        assertThat(blocked.blockKind()).isEqualTo("SPEND_CAP");
        assertThat(app.postsTo("C0OK")).filteredOn(text -> text.startsWith("cap update"))
                .containsExactly("cap update 1", "cap update 2", "cap update 3");
        LocalSlack.Call card = app.card(blocked);
        assertThat(card.arg("text")).contains("stopped at its spend cap", "this run's budget: $1.47 spent of $1.00",
                "Extend its budget by $1.00");
        assertThat(card.arg("blocks")).contains("Extend by $1.00", "Stop the run", "approval.reject_and_end")
                .doesNotContain("approval.edit");
        assertThat(AlfredTestApp.ackText(ada.command("C1", "status " + runId))).contains("*BLOCKED*",
                "spent $1.47", "It is blocked: it reached this run's budget");
        String holdId = ApprovalCards.approveButtonValue(card.arg("blocks"));

        // The extension is judged as a write call: this policy lets only the requester approve it.
        ada.as("U2").click("C1", card.ts(), blocked.threadTs(), ApprovalCards.APPROVE, holdId);
        assertThat(app.run(runId).status()).isEqualTo(RunStatus.BLOCKED);
        assertThat(app.auditKinds(runId)).contains("approval.refused");

        ada.click("C1", card.ts(), blocked.threadTs(), ApprovalCards.APPROVE, holdId);

        Run done = app.awaitStatus(runId, RunStatus.SUCCEEDED);
        assertThat(done.finalAnswer()).isEqualTo("done");
        assertThat(app.model.requests()).hasSize(5);
        assertThat(done.allowanceUsd()).isEqualByComparingTo("1.00");
        assertThat(done.spendUsd()).isEqualByComparingTo("2.45");
        assertThat(app.threadTexts(done)).anySatisfy(text -> assertThat(text).contains(
                "<@U1> extended this run's budget by $1.00"));
        assertThat(app.auditKinds(runId)).containsSubsequence("model.turn", "approval.staged", "approval.refused",
                "approval.approved", "budget.extended", "model.turn", "run.succeeded");
        assertThat(app.audit(runId).stream().filter(e -> e.kind().equals("model.turn")).findFirst().orElseThrow()
                .data()).contains("\"costUsd\":\"0.490000\"");
        String status = AlfredTestApp.ackText(ada.command("C1", "status"));
        assertThat(status).contains("*Spend today (UTC):* `alfred` $").doesNotContain("No price for");
    }

    @Test
    void theStopButtonEndsARunBlockedAtItsCap() throws Exception {
        AtomicInteger turns = new AtomicInteger();
        app.model.respondWith(request -> AlfredTestApp.postCall("C0OK", "stop update " + turns.incrementAndGet()));
        String runId = app.startTask(ada, "post until stopped");
        Run blocked = app.awaitStatus(runId, RunStatus.BLOCKED);
        LocalSlack.Call card = app.card(blocked);
        String holdId = ApprovalCards.approveButtonValue(card.arg("blocks"));

        ada.click("C1", card.ts(), blocked.threadTs(), ApprovalCards.REJECT_AND_END, holdId);
        assertThat(app.slack.calls("views.open")).last().satisfies(open -> assertThat(open.arg("view"))
                .contains("Stop the run", holdId));
        ada.submit(ApprovalModals.REJECT_AND_END_CALLBACK, holdId, ApprovalModals.REASON, "enough");

        Run stopped = app.awaitStatus(runId, RunStatus.CANCELLED);
        assertThat(app.model.requests()).hasSize(3);
        assertThat(app.threadTexts(stopped)).anySatisfy(text -> assertThat(text).contains("<@U1> stopped run `"
                + runId + "`: enough"));
        app.awaitDelivered(runId);
        assertThat(app.slack.calls("chat.update")).filteredOn(call -> card.ts().equals(call.arg("ts"))).last()
                .satisfies(update -> assertThat(update.arg("text")).contains("Run stopped by <@U1>"));
        assertThat(app.auditKinds(runId)).containsSubsequence("approval.staged", "approval.reject_and_end",
                "run.cancelled");
    }

    @Test
    void theLoopGuardAsksTheRequesterBeforeTheSameCallRunsAgain() throws Exception {
        AtomicInteger turns = new AtomicInteger();
        app.model.respondWith(request -> turns.incrementAndGet() <= 2
                ? AlfredTestApp.postCall("C0OK", "same again") : new FakeOpenAi.Text("stopped repeating"));
        String runId = app.startTask(ada, "keep posting the same thing");

        Run waiting = app.awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);

        assertThat(app.postsTo("C0OK")).filteredOn("same again"::equals).hasSize(1);
        LocalSlack.Call card = app.card(waiting);
        assertThat(card.arg("text")).contains("has called `slack_post_message` 2 times with the same arguments");
        assertThat(card.arg("blocks")).contains("Continue", "Stop the run");
        assertThat(app.context.getBean(dev.alfred.agents.approvals.Approvals.class).ofRun(runId))
                .extracting(StagedAction::toolName).containsExactly(StagedAction.CONTINUE_LOOP);

        ada.click("C1", card.ts(), waiting.threadTs(), ApprovalCards.APPROVE,
                ApprovalCards.approveButtonValue(card.arg("blocks")));

        Run done = app.awaitStatus(runId, RunStatus.SUCCEEDED);
        assertThat(done.finalAnswer()).isEqualTo("stopped repeating");
        assertThat(app.postsTo("C0OK")).filteredOn("same again"::equals).hasSize(2);
        assertThat(app.auditKinds(runId)).containsSubsequence("approval.staged", "approval.approved",
                "loop.continued", "tool.call", "tool.result", "run.succeeded");
    }

    @Test
    void aRateLimitBlocksEveryRunUntilRetryAfterWithoutCallingTheProviderAgain() throws Exception {
        app.model.then(new FakeOpenAi.RateLimited(8));
        String first = app.startTask(ada, "first task during a rate limit");
        Run blocked = app.awaitStatus(first, RunStatus.BLOCKED);
        assertThat(blocked.blockKind()).isEqualTo("PROVIDER_LIMIT");
        app.model.respondWith(request -> new FakeOpenAi.Text("answered after the block"));

        String second = app.startTask(ada, "second task during a rate limit");
        app.awaitStatus(second, RunStatus.BLOCKED);

        assertThat(app.model.requests()).hasSize(1);
        assertThat(app.threadTexts(blocked)).anySatisfy(text -> assertThat(text).contains(
                "Blocked before step 1: the model provider limited Alfred (HTTP 429", "continues by itself"));
        assertThat(AlfredTestApp.ackText(ada.command("C1", "status"))).contains("*Model provider:* :no_entry: "
                + "blocked until", "BLOCKED 2");
        assertThat(AlfredTestApp.ackText(ada.command("C1", "status " + second))).contains("*BLOCKED*",
                "the model provider limited Alfred");
        // Nothing calls the provider while the block lasts.
        Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                .until(() -> app.model.requests().size() == 1);

        app.awaitStatus(first, RunStatus.SUCCEEDED);
        app.awaitStatus(second, RunStatus.SUCCEEDED);
        assertThat(app.model.requests()).hasSize(3);
        assertThat(app.auditKinds(second)).containsSubsequence("run.blocked", "run.unblocked", "model.turn",
                "run.succeeded");
        assertThat(app.auditKinds(first)).containsSubsequence("run.blocked", "run.unblocked", "model.turn");
    }

    @Test
    void resumeFleetLiftsAProviderBlockBeforeItsTime() throws Exception {
        app.model.then(new FakeOpenAi.RateLimited(600), new FakeOpenAi.Text("answered after an early lift"));
        String runId = app.startTask(ada, "task during a long rate limit");
        app.awaitStatus(runId, RunStatus.BLOCKED);

        assertThat(AlfredTestApp.ackText(ada.command("C1", "resume fleet"))).contains(
                "Lifted the model provider block early; 1 blocked run(s) continue");

        Run done = app.awaitStatus(runId, RunStatus.SUCCEEDED);
        assertThat(app.model.requests()).hasSize(2);
        assertThat(app.threadTexts(done)).anySatisfy(text -> assertThat(text).contains(
                "<@U1> lifted the model provider block"));
        assertThat(AlfredTestApp.ackText(ada.command("C1", "status"))).doesNotContain("*Model provider:*");
    }

    @Test
    void transientServerErrorsAreRetriedInsideTheStep() throws Exception {
        app.model.then(new FakeOpenAi.Failure(503, "overloaded"), new FakeOpenAi.Failure(502, "bad gateway"),
                new FakeOpenAi.Text("answered on the third try"));
        String runId = app.startTask(ada, "answer despite a flaky provider");

        Run done = app.awaitStatus(runId, RunStatus.SUCCEEDED);

        assertThat(done.finalAnswer()).isEqualTo("answered on the third try");
        assertThat(app.model.requests()).hasSize(3);
        List<Step> steps = app.context.getBean(RunStore.class).steps(runId);
        assertThat(steps).filteredOn(step -> step.kind() == StepKind.MODEL_TURN).singleElement()
                .satisfies(step -> assertThat(step.attempt()).isEqualTo(1));
        assertThat(done.blockKind()).isNull();
        assertThat(app.auditKinds(runId)).doesNotContain("run.blocked");
        assertThat(done.spendUsd()).isEqualByComparingTo(new BigDecimal("0.49"));
    }
}
