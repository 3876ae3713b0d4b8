package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.approvals.StagedActionStatus;
import dev.alfred.agents.audit.AuditEvent;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.demo.SlackUser;
import dev.alfred.bot.slack.blocks.ApprovalCards;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeGitHub;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The GitHub tools through the whole Slack flow, against the fake Slack, the fake model and {@link FakeGitHub}: a read
 * runs at once, a pull request waits for the requester's approval and is opened exactly once, carrying its action's
 * marker. Runs on H2 only (see {@link GitHubFlowH2IT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GitHubFlowIT {
    private static final String TOKEN = "ghp_it" + UUID.randomUUID().toString().replace("-", "");
    private static final String REPO = "acme/widgets";
    private static final String OPEN_PULL = "{\"repo\":\"acme/widgets\",\"head\":\"fix-timeout\",\"base\":\"main\","
            + "\"title\":\"Raise the upload timeout\",\"body\":\"Fixes #1.\"}";

    FakeGitHub github;
    AlfredTestApp app;
    SlackUser ada;

    abstract TestDatabase database();

    @BeforeAll
    void startAlfredAndGitHub() throws Exception {
        github = FakeGitHub.start(TOKEN, "alfred-bot").branch(REPO, "fix-timeout");
        github.issue(REPO, "ada", "Uploads time out after 10 s", "Large files fail.", "bug");
        app = AlfredTestApp.start(database(), Map.of("alfred.github.api-url", github.apiUrl(),
                "alfred.github.token", TOKEN));
        ada = app.user("U1");
    }

    @AfterAll
    void stopAlfredAndGitHub() {
        if (app != null) {
            app.close();
        }
        if (github != null) {
            github.close();
        }
    }

    @Test
    void aReadRunsAtOnceAndAnApprovedPullRequestIsOpenedExactlyOnce() throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("github_get_issue", "{\"repo\":\"acme/widgets\",\"number\":1}"),
                new FakeOpenAi.ToolCall("github_open_pull_request", OPEN_PULL),
                new FakeOpenAi.Text("Opened acme/widgets#2 for the timeout."));

        String runId = app.startTask(ada, "@lucius open a pull request for the upload timeout fix");
        Run waiting = app.awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);
        app.awaitDelivered(runId);
        LocalSlack.Call card = app.card(waiting);
        String actionId = ApprovalCards.approveButtonValue(card.arg("blocks"));

        assertThat(github.requests("GET", "/repos/acme/widgets/issues/1")).hasSize(1);
        assertThat(card.arg("blocks")).contains("github_open_pull_request", "fix-timeout");
        assertThat(github.pulls(REPO)).isEmpty();
        assertThat(github.requests("POST", "/")).isEmpty();

        assertThat(ada.click("C1", card.ts(), waiting.threadTs(), "approval.approve", actionId).statusCode())
                .isEqualTo(200);
        Run done = app.awaitStatus(runId, RunStatus.SUCCEEDED);

        StagedAction action = app.context.getBean(Approvals.class).find(actionId).orElseThrow();
        assertThat(action.status()).isEqualTo(StagedActionStatus.EXECUTED);
        assertThat(github.pulls(REPO)).singleElement().satisfies(pull -> {
            assertThat(pull.path("number").asInt()).isEqualTo(2);
            assertThat(pull.path("head").path("ref").asText()).isEqualTo("fix-timeout");
            assertThat(pull.path("body").asText()).isEqualTo("Fixes #1.\n\n<!-- alfred-action: "
                    + action.idempotencyKey() + " -->");
        });
        assertThat(github.requests("POST", "/repos/acme/widgets/pulls")).hasSize(1)
                .allSatisfy(request -> assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN));
        assertThat(done.finalAnswer()).isEqualTo("Opened acme/widgets#2 for the timeout.");
        List<JsonNode> calls = app.model.requests();
        assertThat(calls).hasSize(3);
        assertThat(lastContent(calls.get(1))).contains("Issue acme/widgets#1: Uploads time out after 10 s",
                "Labels: bug");
        assertThat(lastContent(calls.get(2))).contains("Opened pull request acme/widgets#2 (fix-timeout → main)",
                "https://github.com/acme/widgets/pull/2").doesNotContain(TOKEN);
        assertThat(app.auditKinds(runId)).containsSubsequence("tool.call", "tool.result", "tool.call",
                "approval.staged", "approval.approved", "action.executed", "run.succeeded");
        assertThat(app.audit(runId)).filteredOn(event -> event.kind().equals("tool.call"))
                .extracting(AuditEvent::detail).containsExactly(
                        "github_get_issue → allow by rule read-allow",
                        "github_open_pull_request → require_approval by rule write-requester-approval");
        assertThat(app.audit(runId)).extracting(AuditEvent::data).allSatisfy(data -> assertThat(String.valueOf(data))
                .doesNotContain(TOKEN));
    }

    private static String lastContent(JsonNode request) {
        JsonNode messages = request.path("messages");
        return messages.get(messages.size() - 1).path("content").asText();
    }
}
