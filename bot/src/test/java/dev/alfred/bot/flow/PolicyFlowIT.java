package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.approvals.StagedActionStatus;
import dev.alfred.agents.audit.AuditEvent;
import dev.alfred.agents.audit.AuditLog;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.demo.SlackUser;
import dev.alfred.bot.slack.blocks.ApprovalCards;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Policy files through HTTP: approver rules with user groups, the two-person rule, forbidden self-approval, denied
 * calls, command access, {@code /alfred policy} and {@code /alfred audit}, and the audit rows each leaves. Signed
 * requests against the fake Slack (which answers {@code usergroups.users.list}) and the fake model. Runs once per
 * database (see the subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PolicyFlowIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    static final String POLICY = """
            version: 1
            commands:
              task: {users: [U1, U2, U4], groups: [S0OPS]}
              audit: {users: [U1, U2]}
            rules:
              - id: metadata-deny
                match: {tool: http_get, args: {url: {host: ["169.254.*"]}}}
                decision: deny
                reason: instance metadata is off limits
              - id: ops-channel-sre
                match: {tool: slack_post_message, args: {channel: {eq: C0OPS}}}
                decision: require_approval
                approvers: {groups: [S0SRE]}
              - id: all-hands-two-person
                match: {tool: slack_post_message, args: {channel: {eq: C0ALL}}}
                decision: require_approval
                approvers: {groups: [S0SRE], count: 2}
              - id: prod-no-self
                match: {tool: slack_post_message, args: {channel: {eq: C0PROD}}}
                decision: require_approval
                approvers: {groups: [S0SRE], self-approval: false}
              - id: reminded
                match: {tool: slack_post_message, args: {channel: {eq: C0SLOW}}}
                decision: require_approval
                approvers: {users: [U5]}
                approval: {ttl: 20s, remind-at: 0.1}
              - id: reads
                match: {tier: read}
                decision: allow
              - id: writes
                match: {tier: write}
                decision: require_approval
            """;

    AlfredTestApp app;
    Path policies;
    SlackUser ada;
    SlackUser bob;
    SlackUser cy;
    SlackUser eve;

    abstract TestDatabase database();

    @BeforeAll
    void startAlfred() throws Exception {
        policies = Files.createTempDirectory("alfred-policies");
        Files.writeString(policies.resolve("10-team.yml"), POLICY);
        app = AlfredTestApp.start(database(), Map.of("alfred.policies.dir", policies.toString(),
                "alfred.approvals.sweep-interval", "5s"));
        app.slack.userGroup("S0SRE", "U1", "U2", "U5");
        app.slack.userGroup("S0OPS", "U7");
        ada = app.user("U1");
        bob = app.user("U2");
        cy = app.user("U3");
        eve = app.user("U5");
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
    void aUserGroupMemberApprovesAndANonMemberIsRefused() throws Exception {
        app.model.then(AlfredTestApp.postCall("C0OPS", "db failover done"), new FakeOpenAi.Text("posted"));
        String runId = app.startTask(ada, "tell ops the failover is done");
        Run waiting = app.awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);
        LocalSlack.Call card = app.card(waiting);
        String actionId = ApprovalCards.approveButtonValue(card.arg("blocks"));
        assertThat(ApprovalFlowIT.blockTexts(card)).contains("Approvers: members of <!subteam^S0SRE>",
                "1 approval needed", "policy rule `ops-channel-sre`");

        cy.click("C1", card.ts(), waiting.threadTs(), "approval.approve", actionId);

        assertThat(action(actionId).status()).isEqualTo(StagedActionStatus.PENDING);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ephemeralsTo("U3")).last().asString()
                .contains("Only members of <!subteam^S0SRE> may approve"));
        bob.click("C1", card.ts(), waiting.threadTs(), "approval.approve", actionId);
        app.awaitStatus(runId, RunStatus.SUCCEEDED);
        assertThat(app.slack.calls("chat.postMessage")).filteredOn(call -> "C0OPS".equals(call.arg("channel")))
                .hasSize(1);
        assertThat(app.auditKinds(runId)).containsSubsequence("task.intake", "model.turn", "tool.call",
                "approval.staged", "approval.refused", "approval.approved", "action.executed", "model.turn",
                "run.succeeded");
        assertThat(event(runId, "tool.call").data()).contains("\"decision\":\"require_approval\"",
                "\"ruleId\":\"ops-channel-sre\"");
        assertThat(event(runId, "approval.refused").actorUserId()).isEqualTo("U3");
        assertThat(event(runId, "approval.approved").actorUserId()).isEqualTo("U2");
        assertThat(event(runId, "model.turn").data()).contains("\"model\":\"fake-model", "\"inputTokens\":");
    }

    @Test
    void theTwoPersonRuleNeedsTwoDistinctApprovers() throws Exception {
        app.model.then(AlfredTestApp.postCall("C0ALL", "all hands moved"), new FakeOpenAi.Text("announced"));
        String runId = app.startTask(ada, "announce the all-hands move");
        Run waiting = app.awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);
        LocalSlack.Call card = app.card(waiting);
        String actionId = ApprovalCards.approveButtonValue(card.arg("blocks"));
        assertThat(ApprovalFlowIT.blockTexts(card)).contains("0 of 2 approvals so far");

        bob.click("C1", card.ts(), waiting.threadTs(), "approval.approve", actionId);
        bob.click("C1", card.ts(), waiting.threadTs(), "approval.approve", actionId);

        assertThat(action(actionId).status()).isEqualTo(StagedActionStatus.PENDING);
        assertThat(action(actionId).approvals()).containsExactly("U2");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(app.slack.calls("chat.update")).filteredOn(call -> card.ts().equals(call.arg("ts")))
                        .anySatisfy(update -> {
                            assertThat(ApprovalFlowIT.blockTexts(update)).contains("1 of 2 approvals so far (<@U2>)");
                            assertThat(update.arg("blocks")).contains("approval.approve");
                        }));
        await().atMost(WAIT).untilAsserted(() -> assertThat(ephemeralsTo("U2"))
                .anySatisfy(text -> assertThat(text).contains("Your approval counts"))
                .anySatisfy(text -> assertThat(text).contains("You have already approved this")));
        assertThat(app.run(runId).status()).isEqualTo(RunStatus.WAITING_FOR_APPROVAL);

        eve.click("C1", card.ts(), waiting.threadTs(), "approval.approve", actionId);
        app.awaitStatus(runId, RunStatus.SUCCEEDED);
        assertThat(action(actionId).approvals()).containsExactly("U2", "U5");
        assertThat(app.slack.calls("chat.postMessage")).filteredOn(call -> "C0ALL".equals(call.arg("channel"))
                && "all hands moved".equals(call.arg("text"))).hasSize(1);
        assertThat(app.audit(runId)).filteredOn(e -> e.kind().equals("approval.approved"))
                .extracting(AuditEvent::actorUserId).containsExactly("U2", "U5");
        assertThat(app.audit(runId)).filteredOn(e -> e.kind().equals("approval.refused"))
                .extracting(AuditEvent::actorUserId).containsExactly("U2");
    }

    @Test
    void anEditMayNotMoveTheCallUnderAnotherRuleAndAStaleCardCannotApproveAnEdit() throws Exception {
        app.model.then(AlfredTestApp.postCall("C0ALL", "all hands at 3"), new FakeOpenAi.Text("announced"));
        String runId = app.startTask(ada, "announce the all-hands time");
        Run waiting = app.awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);
        LocalSlack.Call card = app.card(waiting);
        String actionId = ApprovalCards.approveButtonValue(card.arg("blocks"));
        String staleBlockId = ApprovalCards.buttonsBlockId(action(actionId));

        HttpResponse<String> escape = bob.submit("approval.edit", actionId, "arguments",
                "{\"channel\":\"C0OPS\",\"text\":\"all hands at 3\"}");
        HttpResponse<String> edit = bob.submit("approval.edit", actionId, "arguments",
                "{\"channel\":\"C0ALL\",\"text\":\"all hands at 4\"}");
        eve.click("C1", card.ts(), waiting.threadTs(), staleBlockId, "approval.approve", actionId);

        assertThat(escape.body()).contains("response_action", "fall under policy rule `ops-channel-sre`");
        assertThat(edit.statusCode()).isEqualTo(200);
        assertThat(edit.body()).doesNotContain("errors");
        assertThat(action(actionId).status()).isEqualTo(StagedActionStatus.PENDING);
        assertThat(action(actionId).approvals()).containsExactly("U2");
        await().atMost(WAIT).untilAsserted(() -> assertThat(ephemeralsTo("U5")).last().asString()
                .contains("arguments were edited after this card"));
        eve.click("C1", card.ts(), waiting.threadTs(), ApprovalCards.buttonsBlockId(action(actionId)),
                "approval.approve", actionId);
        app.awaitStatus(runId, RunStatus.SUCCEEDED);
        assertThat(app.slack.calls("chat.postMessage")).filteredOn(call -> "C0ALL".equals(call.arg("channel")))
                .extracting(call -> call.arg("text")).contains("all hands at 4").doesNotContain("all hands at 3");
    }

    @Test
    void selfApprovalIsRefusedWhereTheRuleForbidsIt() throws Exception {
        app.model.then(AlfredTestApp.postCall("C0PROD", "prod note"), new FakeOpenAi.Text("done"));
        String runId = app.startTask(ada, "post a prod note");
        Run waiting = app.awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);
        LocalSlack.Call card = app.card(waiting);
        String actionId = ApprovalCards.approveButtonValue(card.arg("blocks"));
        assertThat(ApprovalFlowIT.blockTexts(card)).contains("(not <@U1>, the requester)");

        ada.click("C1", card.ts(), waiting.threadTs(), "approval.approve", actionId);

        assertThat(action(actionId).status()).isEqualTo(StagedActionStatus.PENDING);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ephemeralsTo("U1")).last().asString()
                .contains("forbids approving your own request"));
        eve.click("C1", card.ts(), waiting.threadTs(), "approval.approve", actionId);
        app.awaitStatus(runId, RunStatus.SUCCEEDED);
        assertThat(action(actionId).decidedBy()).isEqualTo("U5");
        assertThat(event(runId, "approval.refused").actorUserId()).isEqualTo("U1");
    }

    @Test
    void aDeniedCallGoesBackToTheModelAndNoCardIsPosted() throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("http_get", "{\"url\":\"http://169.254.169.254/latest/meta-data/\"}"),
                new FakeOpenAi.Text("I may not read that"));
        String runId = app.startTask(ada, "read the instance metadata");

        Run done = app.awaitStatus(runId, RunStatus.SUCCEEDED);

        JsonNode messages = app.model.requests().get(1).path("messages");
        assertThat(messages.get(messages.size() - 1).path("content").asText())
                .contains("denied by policy rule metadata-deny: instance metadata is off limits");
        app.awaitDelivered(done.id());
        assertThat(app.slack.threadReplies(done.threadTs()))
                .noneSatisfy(call -> assertThat(String.valueOf(call.arg("blocks"))).contains("approval.approve"));
        assertThat(app.context.getBean(Approvals.class).ofRun(runId)).isEmpty();
        assertThat(event(runId, "tool.call").data()).contains("\"decision\":\"deny\"", "\"ruleId\":\"metadata-deny\"");
        assertThat(app.auditKinds(runId)).doesNotContain("approval.staged", "tool.result");
    }

    @Test
    void commandAccessRefusesWithAReasonAndRecordsIt() throws Exception {
        app.model.then(new FakeOpenAi.Text("all green"));
        HttpResponse<String> refused = app.user("U9").command("C1", "task delete everything");
        HttpResponse<String> viaGroup = app.user("U7").command("C1", "task check the status page");

        assertThat(AlfredTestApp.ackText(refused)).contains("not allowed to use `/alfred task`", "members of <!subteam^S0OPS>");
        assertThat(app.runs()).noneSatisfy(run -> assertThat(run.task()).isEqualTo("delete everything"));
        assertThat(AlfredTestApp.ackText(viaGroup)).contains("On it: run");
        app.awaitStatus(app.runs().stream().filter(run -> run.task().equals("check the status page")).findFirst()
                .orElseThrow().id(), RunStatus.SUCCEEDED);
        assertThat(app.context.getBean(AuditLog.class).ofKind("command.refused"))
                .anySatisfy(event -> {
                    assertThat(event.actorUserId()).isEqualTo("U9");
                    assertThat(event.data()).contains("task delete everything");
                });
    }

    @Test
    void policyCommandExplainsWhichRuleDecidesForThisUser() throws Exception {
        HttpResponse<String> one = cy.command("C1", "policy slack_post_message");
        HttpResponse<String> all = cy.command("C1", "policy");

        assertThat(AlfredTestApp.ackText(one)).contains("ops-channel-sre", "all-hands-two-person", "prod-no-self",
                "when `channel` = \"C0OPS\"", "2 distinct approvers", "`writes`", "— otherwise",
                "require approval by <@U3> (the requester)");
        assertThat(AlfredTestApp.ackText(all)).contains("`http_get` (read): allow — rule `reads` (1 conditional rule(s) first)",
                "`slack_post_message` (write)");
    }

    @Test
    void auditCommandShowsTheTimelineToThoseAllowed() throws Exception {
        app.model.then(new FakeOpenAi.Text("nothing to do"));
        String runId = app.startTask(ada, "say hello");
        app.awaitStatus(runId, RunStatus.SUCCEEDED);

        String timeline = AlfredTestApp.ackText(ada.command("C1", "audit " + runId));
        String refused = AlfredTestApp.ackText(app.user("U4").command("C1", "audit " + runId));

        assertThat(timeline).contains("Audit trail of run `" + runId + "`", "*task.intake*", "by <@U1>",
                "*model.turn* step 1", "*run.succeeded*");
        assertThat(refused).contains("not allowed to use `/alfred audit`");
        assertThat(AlfredTestApp.ackText(ada.command("C1", "audit nosuchrun"))).contains("There is no run `nosuchrun`");
    }

    @Test
    void aReminderMentionsTheApproversPartWayThroughTheTtl() throws Exception {
        app.model.then(AlfredTestApp.postCall("C0SLOW", "slow one"), new FakeOpenAi.Text("ok"));
        String runId = app.startTask(ada, "post the slow one");
        Run waiting = app.awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);

        String reminder = await().atMost(WAIT).until(() -> app.slack.threadReplies(waiting.threadTs()).stream()
                .map(call -> call.arg("text")).filter(text -> text.contains("Reminder")).findFirst().orElse(null),
                text -> text != null);

        assertThat(reminder).contains("<@U5>", "1 more approval(s) needed", "expires");
        assertThat(app.auditKinds(runId)).containsOnlyOnce("approval.reminded");
    }

    StagedAction action(String actionId) {
        return app.context.getBean(Approvals.class).find(actionId).orElseThrow();
    }

    AuditEvent event(String runId, String kind) {
        return app.audit(runId).stream().filter(event -> event.kind().equals(kind)).findFirst().orElseThrow();
    }

    List<String> ephemeralsTo(String userId) {
        return app.slack.calls("chat.postEphemeral").stream().filter(call -> userId.equals(call.arg("user")))
                .map(call -> call.arg("text")).toList();
    }
}
