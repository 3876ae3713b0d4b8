package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.audit.AuditCommand;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.demo.SlackUser;
import dev.alfred.bot.slack.blocks.ApprovalCards;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code alfred audit <run> [--json]} against the database a running Alfred writes to: a run with an approved side
 * effect, read back as JSON and as text. Runs once per database (see the subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuditCommandIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    AlfredTestApp app;
    String runId;

    abstract TestDatabase database();

    @BeforeAll
    void runATaskWithAnApprovedSideEffect() throws Exception {
        app = AlfredTestApp.start(database(), Map.of());
        SlackUser ada = app.user("U1");
        app.model.then(new FakeOpenAi.ToolCall("slack_post_message", "{\"channel\":\"C2\",\"text\":\"hi\"}"),
                new FakeOpenAi.Text("said hi"));
        ada.command("C1", "task say hi in C2");
        runId = await().atMost(WAIT).until(() -> app.runs().stream().map(Run::id).findFirst().orElse(null),
                id -> id != null);
        Run waiting = await().atMost(WAIT).until(() -> app.run(runId),
                run -> run.status() == RunStatus.WAITING_FOR_APPROVAL);
        LocalSlack.Call card = await().atMost(WAIT).until(() -> app.slack.threadReplies(waiting.threadTs()).stream()
                .filter(call -> String.valueOf(call.arg("blocks")).contains("approval.approve")).findFirst()
                .orElse(null), call -> call != null);
        ada.click("C1", card.ts(), waiting.threadTs(), "approval.approve",
                ApprovalCards.approveButtonValue(card.arg("blocks")));
        await().atMost(WAIT).until(() -> app.run(runId).status() == RunStatus.SUCCEEDED);
    }

    @AfterAll
    void stopAlfred() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void jsonTimelineHasEveryStepInOrderWithItsRuleAndDecider() throws Exception {
        Output output = audit(runId, "--json");

        assertThat(output.status).isZero();
        JsonNode root = new ObjectMapper().readTree(output.out);
        assertThat(root.path("run").path("id").asText()).isEqualTo(runId);
        assertThat(root.path("run").path("status").asText()).isEqualTo("SUCCEEDED");
        List<String> kinds = new ArrayList<>();
        root.path("events").forEach(event -> kinds.add(event.path("kind").asText()));
        assertThat(kinds).containsExactly("task.intake", "model.turn", "tool.call", "approval.staged",
                "approval.approved", "action.executed", "model.turn", "run.succeeded");
        JsonNode call = root.path("events").get(2);
        assertThat(call.path("step").asInt()).isEqualTo(2);
        assertThat(call.path("data").path("ruleId").asText()).isEqualTo("write-requester-approval");
        assertThat(call.path("data").path("decision").asText()).isEqualTo("require_approval");
        assertThat(root.path("events").get(4).path("actor").asText()).isEqualTo("U1");
        assertThat(root.path("events").get(1).path("data").path("outputTokens").isInt()).isTrue();
    }

    @Test
    void textTimelineAndUnknownRuns() {
        Output text = audit(runId);
        Output unknown = audit("nosuchrun", "--json");
        Output usage = audit();

        assertThat(text.status).isZero();
        assertThat(text.out).contains("run " + runId + " (SUCCEEDED", "approval.approved step 2 by U1",
                "action.executed");
        assertThat(unknown.status).isEqualTo(1);
        assertThat(unknown.err).contains("there is no run 'nosuchrun'");
        assertThat(usage.status).isEqualTo(2);
        assertThat(usage.err).contains("usage: alfred audit <run-id> [--json]");
    }

    private Output audit(String... args) {
        Map<String, Object> db = app.database.properties();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new AuditCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("ALFRED_DB_URL", (String) db.get("datasources.default.url"),
                        "ALFRED_DB_USER", (String) db.get("datasources.default.username"),
                        "ALFRED_DB_PASSWORD", (String) db.get("datasources.default.password")))
                .run(List.of(args));
        return new Output(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Output(int status, String out, String err) {
    }
}
