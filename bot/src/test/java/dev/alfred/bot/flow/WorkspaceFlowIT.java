package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.StagedActionStatus;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.demo.SlackUser;
import dev.alfred.bot.slack.blocks.ApprovalCards;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.LocalGitRemote;
import dev.alfred.bot.support.TestDatabase;
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
 * An engineering run end to end through Slack, over a {@code file://} remote with real git and the real bubblewrap
 * sandbox: the scripted model checks out, reads, runs a failing test, edits, runs the passing test, commits and asks
 * to push; the approval card shows the branch, the change and the start of the diff; Approve pushes the run's branch
 * exactly once and leaves the default branch alone; Reject pushes nothing. Either way the worktree goes when the run
 * ends and the branch stays in the cache.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WorkspaceFlowIT {
    private static final String REPO = "acme/widgets";
    private static final String PUSH = "{\"title\":\"Fix the app\",\"body\":\"Tested with sh test.sh.\"}";

    LocalGitRemote remote;
    String main;
    Path home;
    AlfredTestApp app;
    SlackUser ada;

    abstract TestDatabase database();

    @BeforeAll
    void startAlfredWithARemote() throws Exception {
        remote = LocalGitRemote.create();
        main = remote.repository(REPO, Map.of("README.md", "# Widgets\n", "app.txt", "broken\n",
                "test.sh", "#!/bin/sh\ngrep -q fixed app.txt || { echo 'app is broken' >&2; exit 1; }\n"));
        home = Files.createTempDirectory("alfred-home");
        app = AlfredTestApp.start(database(), Map.of("alfred.home", home.toString(),
                "alfred.workspace.git-url", remote.url()));
        ada = app.user("U1");
    }

    @AfterAll
    void stopAlfred() {
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    void resetTheModel() {
        app.model.reset();
    }

    @Test
    void anApprovedPushSendsTheRunsBranchOnceAndLeavesMainAlone() throws Exception {
        app.model.then(changeAndAskToPush());
        app.model.then(new FakeOpenAi.Text("Fixed the app; pushed alfred/ for review."));
        String runId = app.startTask(ada, "@lucius fix the app in acme/widgets");
        Run waiting = app.awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);
        LocalSlack.Call card = app.card(waiting);
        String actionId = ApprovalCards.approveButtonValue(card.arg("blocks"));

        assertThat(card.arg("blocks")).contains("workspace_push", "What it does", "Repository: acme/widgets",
                "Branch: alfred/" + runId + ", from main at " + main.substring(0, 12), "1 file changed, +1 -1",
                "app.txt  +1 -1", "Fix the app", "Diff (start):", "-broken", "+fixed");
        assertThat(remote.branches(REPO)).containsExactly("main");
        List<String> results = toolResults();
        assertThat(results.get(0)).contains("Checked out acme/widgets at main", "app.txt", "test.sh");
        assertThat(results.get(1)).contains("1| broken");
        assertThat(results.get(2)).contains("Exit code 1", "app is broken");
        assertThat(results.get(4)).contains("Exit code 0", "passed");
        assertThat(results.get(5)).contains("Committed", "on alfred/" + runId + ": Fix the app");

        ada.click("C1", card.ts(), waiting.threadTs(), "approval.approve", actionId);
        app.awaitStatus(runId, RunStatus.SUCCEEDED);

        assertThat(app.context.getBean(Approvals.class).find(actionId).orElseThrow().status())
                .isEqualTo(StagedActionStatus.EXECUTED);
        assertThat(remote.branches(REPO)).containsExactly("alfred/" + runId, "main");
        assertThat(remote.updates(REPO, "alfred/" + runId)).isEqualTo(1);
        assertThat(remote.show(REPO, "alfred/" + runId, "app.txt")).isEqualTo("fixed\n");
        assertThat(remote.commit(REPO, "main")).isEqualTo(main);
        assertThat(lastToolResult()).contains("Pushed alfred/" + runId + " (1 commit) to acme/widgets.");
        assertWorktreeRemovedAndBranchKept(runId);
    }

    @Test
    void aRejectedPushLeavesTheRemoteUntouched() throws Exception {
        app.model.then(changeAndAskToPush());
        app.model.then(new FakeOpenAi.Text("Not pushed, as asked."));
        String runId = app.startTask(ada, "@lucius fix the app again");
        Run waiting = app.awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);
        String actionId = ApprovalCards.approveButtonValue(app.card(waiting).arg("blocks"));

        ada.submit("approval.reject", actionId, "reason", "not yet");
        app.awaitStatus(runId, RunStatus.SUCCEEDED);

        assertThat(remote.branches(REPO)).doesNotContain("alfred/" + runId);
        assertThat(remote.commit(REPO, "main")).isEqualTo(main);
        assertThat(lastToolResult()).contains("rejected by <@U1>: not yet");
        assertWorktreeRemovedAndBranchKept(runId);
    }

    private static FakeOpenAi.Reply[] changeAndAskToPush() {
        return new FakeOpenAi.Reply[] {
            new FakeOpenAi.ToolCall("workspace_checkout", "{\"repo\":\"" + REPO + "\"}"),
            new FakeOpenAi.ToolCall("workspace_read", "{\"path\":\"app.txt\"}"),
            new FakeOpenAi.ToolCall("workspace_exec", "{\"command\":\"sh test.sh\"}"),
            new FakeOpenAi.ToolCall("workspace_edit", "{\"path\":\"app.txt\",\"old_text\":\"broken\","
                    + "\"new_text\":\"fixed\"}"),
            new FakeOpenAi.ToolCall("workspace_exec", "{\"command\":\"sh test.sh && echo passed\"}"),
            new FakeOpenAi.ToolCall("workspace_commit", "{\"message\":\"Fix the app\"}"),
            new FakeOpenAi.ToolCall("workspace_push", PUSH)};
    }

    private void assertWorktreeRemovedAndBranchKept(String runId) throws Exception {
        Path worktree = home.toRealPath().resolve("workspaces").resolve(runId);
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(worktree));
        Path cache = home.toRealPath().resolve("git-cache/acme/widgets.git");
        assertThat(cache.resolve("refs/heads/alfred").resolve(runId)).exists();
    }

    /** @return the contents of the tool results the model read in its last request, in order */
    private List<String> toolResults() {
        List<JsonNode> requests = app.model.requests();
        JsonNode messages = requests.get(requests.size() - 1).path("messages");
        List<String> results = new java.util.ArrayList<>();
        messages.forEach(message -> {
            if (message.path("role").asText().equals("tool")) {
                results.add(message.path("content").asText());
            }
        });
        return results;
    }

    private String lastToolResult() {
        List<String> results = toolResults();
        return results.get(results.size() - 1);
    }
}
