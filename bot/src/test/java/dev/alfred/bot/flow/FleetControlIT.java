package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.StagedActionStatus;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.demo.SlackUser;
import dev.alfred.bot.slack.home.AppHome;
import dev.alfred.bot.slack.blocks.ApprovalCards;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.CountingDriver;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /alfred pause|resume|cancel|status} through signed HTTP against the fake Slack and model: a pause stops a
 * run before its next side effect, a task queued while paused starts on resume, cancel withdraws a pending
 * approval. Posts to {@code C0OK} are allowed without approval by this test's policy, so a side effect is visible
 * as a message there. Runs once per database (see the subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FleetControlIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String POLICY = """
            commands:
              control: {users: [U1]}
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
        TestDatabase database = database();
        app = AlfredTestApp.startWithPolicy(database, POLICY, CountingDriver.properties(database));
        ada = app.user("U1");
    }

    @AfterAll
    void stopAlfred() {
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    @AfterEach
    void resumeEverything() throws Exception {
        ada.command("C1", "resume fleet");
        ada.command("C1", "resume alfred");
        app.model.reset();
    }

    @Test
    void statusReadsTheFleetInOneTransaction() throws Exception {
        Map<String, Long> before = CountingDriver.snapshot();
        String text = AlfredTestApp.ackText(ada.command("C1", "status"));
        long transactions = CountingDriver.difference(before, CountingDriver.snapshot()).entrySet().stream()
                .filter(origin -> origin.getKey().contains("AlfredCommand.apply"))
                .mapToLong(Map.Entry::getValue).sum();

        assertThat(text).contains("*Fleet:* running.", "*Spend today (UTC):*");
        assertThat(transactions).as("transactions committed for /alfred status (seven reads)").isEqualTo(1);
    }

    @Test
    void pauseDuringARunStopsItBeforeItsSideEffectAndResumeCompletesIt() throws Exception {
        AtomicInteger turns = new AtomicInteger();
        app.model.respondWith(request -> {
            if (turns.incrementAndGet() == 1) {
                pause("fleet");
                return AlfredTestApp.postCall("C0OK", "deployed");
            }
            return new FakeOpenAi.Text("announced");
        });
        String runId = app.startTask(ada, "announce the deploy");

        Run paused = app.awaitStatus(runId, RunStatus.PAUSED);

        assertThat(app.model.requests()).hasSize(1);
        assertThat(app.postsTo("C0OK")).isEmpty();
        assertThat(app.threadTexts(paused)).anySatisfy(text -> assertThat(text).contains("Paused before step 2",
                "the fleet was paused by <@U1>", "`/alfred resume fleet`"));
        assertThat(AlfredTestApp.ackText(ada.command("C1", "status"))).contains("the fleet paused by <@U1>", "PAUSED 1");
        assertThat(AlfredTestApp.ackText(ada.command("C1", "status " + runId))).contains("*PAUSED*", "the fleet is paused");

        assertThat(AlfredTestApp.ackText(ada.command("C1", "resume fleet"))).contains("Resumed the fleet; 1 paused run(s) continue");

        app.awaitStatus(runId, RunStatus.SUCCEEDED);
        assertThat(app.postsTo("C0OK")).containsExactly("deployed");
        assertThat(app.model.requests()).hasSize(2);
        assertThat(app.auditKinds(runId)).containsSubsequence("model.turn", "run.paused", "run.resumed",
                "tool.call", "tool.result", "model.turn", "run.succeeded");
    }

    @Test
    void aTaskQueuedWhileAnAgentIsPausedStartsOnResume() throws Exception {
        assertThat(AlfredTestApp.ackText(ada.command("C1", "pause alfred"))).contains("Paused agent `alfred`");
        app.model.then(new FakeOpenAi.Text("hello"));

        String runId = app.startTask(ada, "say hello");
        Run paused = app.awaitStatus(runId, RunStatus.PAUSED);

        assertThat(app.model.requests()).isEmpty();
        assertThat(app.threadTexts(paused)).anySatisfy(text -> assertThat(text).contains("Paused before step 1",
                "agent `alfred` was paused", "`/alfred resume alfred`"));
        assertThat(AlfredTestApp.ackText(ada.command("C1", "resume alfred"))).contains("1 paused run(s) continue");
        app.awaitStatus(runId, RunStatus.SUCCEEDED);
        assertThat(app.model.requests()).hasSize(1);
    }

    @Test
    void cancelEndsTheRunAndWithdrawsItsPendingApproval() throws Exception {
        app.model.then(AlfredTestApp.postCall("C2", "gated"), new FakeOpenAi.Text("never"));
        String runId = app.startTask(ada, "post to C2");
        Run waiting = app.awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);
        LocalSlack.Call card = await().atMost(WAIT).until(() -> app.slack.threadReplies(waiting.threadTs()).stream()
                .filter(call -> String.valueOf(call.arg("blocks")).contains("approval.approve")).findFirst()
                .orElse(null), call -> call != null);
        String actionId = ApprovalCards.approveButtonValue(card.arg("blocks"));
        assertThat(AlfredTestApp.ackText(ada.command("C1", "status"))).contains("Pending approvals (1)", "`slack_post_message` in run `"
                + runId + "`", "|thread>");

        assertThat(AlfredTestApp.ackText(ada.command("C1", "cancel " + runId))).contains("Cancelled run `" + runId + "`");

        assertThat(app.run(runId).status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(app.context.getBean(Approvals.class).find(actionId).orElseThrow().status())
                .isEqualTo(StagedActionStatus.WITHDRAWN);
        app.awaitDelivered(runId);
        assertThat(app.slack.calls("chat.update")).filteredOn(call -> card.ts().equals(call.arg("ts")))
                .last().satisfies(update -> assertThat(update.arg("text")).contains("Withdrawn"));
        assertThat(app.threadTexts(waiting)).anySatisfy(text -> assertThat(text).contains("Cancelled by <@U1>"));
        ada.click("C1", card.ts(), waiting.threadTs(), "approval.approve", actionId);
        assertThat(app.postsTo("C2")).isEmpty();
        assertThat(app.auditKinds(runId)).contains("approval.withdrawn").containsOnlyOnce("run.cancelled");
        assertThat(app.audit(runId)).filteredOn(e -> e.kind().equals("run.cancelled")).singleElement()
                .satisfies(e -> assertThat(e.actorUserId()).isEqualTo("U1"));
        assertThat(AlfredTestApp.ackText(ada.command("C1", "cancel " + runId))).contains("had already ended (CANCELLED)");
        assertThat(AlfredTestApp.ackText(app.user("U2").command("C9", "audit " + runId))).contains("belongs to another channel");
        assertThat(AlfredTestApp.ackText(app.user("U2").command("C1", "audit " + runId))).contains("Audit trail of run");
    }

    @Test
    void onlyThoseThePolicyAllowsMayPauseAndUnknownTargetsAreExplained() throws Exception {
        assertThat(AlfredTestApp.ackText(app.user("U2").command("C1", "pause fleet"))).contains("not allowed to use `/alfred pause`");
        assertThat(AlfredTestApp.ackText(app.user("U2").command("C1", "cancel abc"))).contains("not allowed to use `/alfred cancel`");
        assertThat(AlfredTestApp.ackText(ada.command("C1", "pause everything"))).contains("I don't know `everything`",
                "`/alfred pause fleet`");
        assertThat(AlfredTestApp.ackText(ada.command("C1", "resume fleet"))).contains("was not paused");
        assertThat(app.context.getBean(dev.alfred.agents.fleet.Fleet.class).pauses()).isEmpty();
    }

    @Test
    void theAppHomeTabShowsTheFleetAndOffersPauseAndResumeToThoseAllowed() throws Exception {
        SlackUser bob = app.user("U2");
        assertThat(ada.openHome("Ev-home-1").statusCode()).isEqualTo(200);
        assertThat(lastHome("U1", 1)).contains("\"type\":\"home\"", "Alfred: the fleet", "*Fleet:* running.",
                "*Spend today (UTC):*", "No price for `fake-model`", "home.pause", "Pause fleet", "Pause alfred");

        assertThat(bob.openHome("Ev-home-2").statusCode()).isEqualTo(200);
        assertThat(lastHome("U2", 1)).contains("Pausing and resuming are not open to you")
                .doesNotContain("home.pause");

        ada.clickInHome(AppHome.PAUSE, "fleet");
        assertThat(app.context.getBean(dev.alfred.agents.fleet.Fleet.class).pauses())
                .extracting(dev.alfred.agents.fleet.FleetPause::scope).containsExactly("fleet");
        assertThat(lastHome("U1", 2)).contains("Paused the fleet", "the fleet paused by <@U1>",
                "home.resume", "Resume fleet");

        bob.clickInHome(AppHome.RESUME, "fleet");
        assertThat(app.context.getBean(dev.alfred.agents.fleet.Fleet.class).pauses()).hasSize(1);
        assertThat(lastHome("U2", 2)).contains(":no_entry:", "not allowed");

        ada.clickInHome(AppHome.RESUME, "fleet");
        assertThat(app.context.getBean(dev.alfred.agents.fleet.Fleet.class).pauses()).isEmpty();
        assertThat(lastHome("U1", 3)).contains("Resumed the fleet", "*Fleet:* running.");
    }

    /**
     * @return the view of the {@code count}-th {@code views.publish} for {@code userId} as JSON (re-serialized, so
     *         that characters the client escaped as {@code \\u003c} read as themselves), waiting for it
     */
    private String lastHome(String userId, int count) throws Exception {
        String view = await().atMost(WAIT).until(() -> app.slack.calls("views.publish").stream()
                .filter(call -> userId.equals(call.arg("user_id"))).toList(), calls -> calls.size() >= count)
                .get(count - 1).arg("view");
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(view).toString();
    }

    void pause(String target) {
        try {
            assertThat(AlfredTestApp.ackText(ada.command("C1", "pause " + target))).contains("Paused");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
