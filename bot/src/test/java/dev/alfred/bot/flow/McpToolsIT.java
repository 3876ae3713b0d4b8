package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.StagedActionStatus;
import dev.alfred.agents.audit.AuditEvent;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.tools.Tool;
import dev.alfred.agents.tools.ToolRegistry;
import dev.alfred.agents.tools.mcp.McpServerState;
import dev.alfred.agents.tools.mcp.McpServers;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.demo.SlackUser;
import dev.alfred.bot.slack.blocks.ApprovalCards;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.McpTestServers;
import dev.alfred.bot.support.PrometheusScrape;
import dev.alfred.bot.support.TestDatabase;
import dev.alfred.policies.RiskTier;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * MCP servers as Alfred's tools, through the whole Slack flow against real servers ({@link McpTestServers}): the
 * reference server over stdio ({@code everything}, with a {@code tiers} override) and over Streamable HTTP
 * ({@code remote}, with a bearer header), {@code notes-server.mjs} over stdio ({@code notes}), and a server whose
 * process exits at start ({@code broken}). On H2 only: nothing here depends on the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpToolsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BEARER = "mcp-it-bearer-" + System.nanoTime();

    Path dir;
    Path notes;
    McpTestServers.Http http;
    AlfredTestApp app;
    SlackUser ada;

    @BeforeAll
    void startServersAndAlfred() throws Exception {
        McpTestServers.requireInstalled();
        dir = Files.createTempDirectory("alfred-mcp-it");
        notes = dir.resolve("notes.txt");
        Files.writeString(notes, "");
        http = McpTestServers.Http.start(dir);
        Path config = dir.resolve("mcp.json");
        Files.writeString(config, JSON.writeValueAsString(Map.of("mcpServers", Map.of(
                "everything", Map.of("command", "node", "args", List.of(McpTestServers.everything().toString(),
                        "stdio"), "env", Map.of("EVERYTHING_CANARY", "canary"), "tiers", Map.of("get-sum", "write")),
                "remote", Map.of("url", http.url(), "headers", Map.of("Authorization", "Bearer " + BEARER)),
                "notes", Map.of("command", "node", "args", List.of(McpTestServers.script(dir, "notes-server.mjs")
                        .toString()), "env", Map.of("NOTES_FILE", notes.toString())),
                "broken", Map.of("command", "node", "args", List.of("-e",
                        "console.error('cannot start: no config'); process.exit(3)"))))));
        app = AlfredTestApp.start(TestDatabase.h2(), Map.of("alfred.mcp.config", config.toString(),
                "alfred.mcp.call-timeout", "8s"));
        ada = app.user("U1");
        await().atMost(WAIT).until(() -> mcp().states().stream().filter(s -> !s.server().equals("broken"))
                .allMatch(s -> s.status() == McpServerState.Status.UP));
    }

    @AfterAll
    void stopAlfredAndServers() {
        if (app != null) {
            app.close();
        }
        if (http != null) {
            http.close();
        }
    }

    @BeforeEach
    void resetModel() {
        app.model.reset();
    }

    @Test
    void everyToolOfEveryServerIsOfferedToTheModelWithItsSchemaOverStdioAndHttp() throws Exception {
        app.model.then(new FakeOpenAi.Text("I have looked at my tools."));

        app.awaitStatus(app.startTask(ada, "list your tools"), RunStatus.SUCCEEDED);

        JsonNode tools = app.model.requests().get(0).path("tools");
        assertThat(function(tools, "mcp__everything__get-sum").path("parameters").path("required"))
                .extracting(JsonNode::asText).containsExactlyInAnyOrder("a", "b");
        assertThat(function(tools, "mcp__remote__echo").path("parameters").path("properties").path("message")
                .path("type").asText()).isEqualTo("string");
        assertThat(function(tools, "mcp__notes__add_note").path("description").asText())
                .contains("Adds one note.", "add_note of the MCP server notes", "Risk tier: write");
        assertThat(names(tools)).noneMatch(name -> name.startsWith("mcp__broken__"))
                .contains("http_get", "mcp__everything__echo", "mcp__remote__get-sum", "mcp__notes__clear_notes");
    }

    @Test
    void aReadToolRunsAtOnceOverStdioAndOverHttp() throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("mcp__everything__echo", "{\"message\":\"hello over stdio\"}"),
                new FakeOpenAi.ToolCall("mcp__remote__get-sum", "{\"a\":2,\"b\":3}"),
                new FakeOpenAi.Text("Echoed and added."));

        String runId = app.startTask(ada, "echo and add");
        Run run = app.awaitStatus(runId, RunStatus.SUCCEEDED);

        List<JsonNode> requests = app.model.requests();
        assertThat(lastContent(requests.get(1))).contains("<tool_output tool=\"mcp__everything__echo\" "
                + "trust=\"untrusted\">", "Echo: hello over stdio");
        assertThat(lastContent(requests.get(2))).contains("The sum of 2 and 3 is 5");
        assertThat(app.audit(runId)).filteredOn(event -> event.kind().equals("tool.call"))
                .extracting(AuditEvent::detail).containsExactly("mcp__everything__echo → allow by rule read-allow",
                        "mcp__remote__get-sum → allow by rule read-allow");
        assertThat(app.context.getBean(Approvals.class).ofRun(run.id())).isEmpty();
        assertThat(app.audit(runId)).extracting(event -> String.valueOf(event.data())).noneMatch(data -> data
                .contains(BEARER));
    }

    @Test
    void aWriteToolWaitsForApproveAndRunsExactlyOnce() throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("mcp__notes__add_note", "{\"text\":\"ship the release\"}"),
                new FakeOpenAi.Text("Noted."));

        String runId = app.startTask(ada, "note that we ship the release");
        Run waiting = app.awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);
        app.awaitDelivered(runId);
        LocalSlack.Call card = app.card(waiting);
        String actionId = ApprovalCards.approveButtonValue(card.arg("blocks"));

        assertThat(card.arg("blocks")).contains("mcp__notes__add_note", "MCP server `notes`, tool `add_note`",
                "ship the release", "risk: *write*");
        assertThat(Files.readString(notes)).isEmpty();

        assertThat(ada.click("C1", card.ts(), waiting.threadTs(), "approval.approve", actionId).statusCode())
                .isEqualTo(200);
        app.awaitStatus(runId, RunStatus.SUCCEEDED);

        assertThat(Files.readAllLines(notes)).containsExactly("ship the release");
        assertThat(app.context.getBean(Approvals.class).find(actionId).orElseThrow().status())
                .isEqualTo(StagedActionStatus.EXECUTED);
        assertThat(lastContent(app.model.requests().get(1))).contains("noted: ship the release");
        assertThat(app.auditKinds(runId)).containsSubsequence("tool.call", "approval.staged", "approval.approved",
                "action.executed", "run.succeeded");
    }

    @Test
    void tiersComeFromTheFileFirstThenFromTheAnnotations() {
        Map<String, RiskTier> tiers = app.context.getBean(ToolRegistry.class).tiers();

        assertThat(tiers).containsEntry("mcp__everything__get-sum", RiskTier.WRITE)
                .containsEntry("mcp__remote__get-sum", RiskTier.READ)
                .containsEntry("mcp__everything__toggle-simulated-logging", RiskTier.WRITE)
                .containsEntry("mcp__notes__clear_notes", RiskTier.DESTRUCTIVE);
    }

    @Test
    void aToolTheFileMakesWriteWaitsForApprovalThoughItsServerCallsItReadOnly() throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("mcp__everything__get-sum", "{\"a\":1,\"b\":1}"),
                new FakeOpenAi.Text("Done."));

        String runId = app.startTask(ada, "add one and one");
        Run waiting = app.awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);

        assertThat(app.card(waiting).arg("blocks")).contains("mcp__everything__get-sum", "risk: *write*");
        assertThat(app.audit(runId)).filteredOn(event -> event.kind().equals("tool.call"))
                .extracting(AuditEvent::detail).containsExactly(
                        "mcp__everything__get-sum → require_approval by rule write-requester-approval");
    }

    @Test
    void aServerThatExitsAtStartIsShownDownAndEverythingElseWorks() throws Exception {
        McpServerState broken = await().atMost(WAIT).until(() -> state("broken"),
                state -> state.status() == McpServerState.Status.DOWN);
        assertThat(broken.reason()).contains("cannot start: no config");

        String tools = AlfredTestApp.ackText(ada.command("C1", "tools"));
        assertThat(tools).contains("*MCP server everything* — :large_green_circle: up",
                "`mcp__everything__echo` (read): allow — rule `read-allow` · alfred",
                "`mcp__notes__add_note` (write): require approval",
                "`mcp__notes__clear_notes` (destructive)", "*MCP server remote*", "*Built-in*", "`http_get` (read)")
                .containsPattern("\\*MCP server broken\\* — :(red_circle: down|hourglass_flowing_sand: starting)");

        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode servers = JSON.readTree(health.body()).path("mcpServers");
        assertThat(servers.path("everything").asText()).isEqualTo("UP");
        assertThat(servers.path("remote").asText()).isEqualTo("UP");
        assertThat(servers.path("broken").asText()).isIn("DOWN", "STARTING");
        assertThat(health.body()).doesNotContain("cannot start");

        app.model.then(new FakeOpenAi.Text("Still here."));
        assertThat(app.awaitStatus(app.startTask(ada, "are you there"), RunStatus.SUCCEEDED).finalAnswer())
                .isEqualTo("Still here.");
    }

    @Test
    void aCallPastTheTimeoutIsAToolErrorForTheModel() throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("mcp__everything__trigger-long-running-operation",
                "{\"duration\":30,\"steps\":3}"), new FakeOpenAi.Text("It took too long."));

        String runId = app.startTask(ada, "run the long operation");
        app.awaitStatus(runId, RunStatus.SUCCEEDED);

        assertThat(lastContent(app.model.requests().get(1))).contains("ERROR: the MCP server everything did not "
                + "answer within 8 s");
        PrometheusScrape metrics = PrometheusScrape.parse(get("/prometheus").body());
        assertThat(metrics.value("alfred_mcp_calls_seconds_count", Map.of("server", "everything",
                "outcome", "timeout"))).isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("alfred_mcp_server_up", Map.of("server", "everything"))).isEqualTo(1);
    }

    @Test
    void aNewToolAppearsWhenTheServerSaysItsListChanged() throws Exception {
        assertThat(app.context.getBean(ToolRegistry.class).find("mcp__notes__archive_notes")).isEmpty();
        app.model.then(new FakeOpenAi.ToolCall("mcp__notes__enable_archive", "{}"), new FakeOpenAi.Text("Enabled."));

        app.awaitStatus(app.startTask(ada, "enable the archive"), RunStatus.SUCCEEDED);

        Tool archive = await().atMost(WAIT).until(() -> app.context.getBean(ToolRegistry.class)
                .find("mcp__notes__archive_notes").orElse(null), tool -> tool != null);
        assertThat(archive.tier()).isEqualTo(RiskTier.WRITE);
        assertThat(archive.parameters().path("properties").has("label")).isTrue();
    }

    @Test
    void aStdioServerSeesOnlyPathHomeLangAndItsOwnEnvironment() throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("mcp__everything__get-env", "{}"), new FakeOpenAi.Text("Seen."));

        app.awaitStatus(app.startTask(ada, "show your environment"), RunStatus.SUCCEEDED);

        String output = lastContent(app.model.requests().get(1));
        JsonNode env = JSON.readTree(output.substring(output.indexOf('{'), output.lastIndexOf('}') + 1));
        Set<String> names = new HashSet<>();
        env.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("EVERYTHING_CANARY").isSubsetOf("PATH", "HOME", "LANG", "EVERYTHING_CANARY");
        assertThat(System.getenv().keySet()).as("the tests' own environment has more to leak")
                .hasSizeGreaterThan(names.size());
    }

    private McpServers mcp() {
        return app.context.getBean(McpServers.class);
    }

    private McpServerState state(String server) {
        return mcp().states().stream().filter(s -> s.server().equals(server)).findFirst().orElseThrow();
    }

    private HttpResponse<String> get(String path) throws Exception {
        int port = app.context.getBean(EmbeddedServer.class).getPort();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode function(JsonNode tools, String name) {
        for (JsonNode tool : tools) {
            if (tool.path("function").path("name").asText().equals(name)) {
                return tool.path("function");
            }
        }
        throw new AssertionError("the model was not offered " + name + "; it was offered " + names(tools));
    }

    private static List<String> names(JsonNode tools) {
        List<String> names = new java.util.ArrayList<>();
        tools.forEach(tool -> names.add(tool.path("function").path("name").asText()));
        return names;
    }

    private static String lastContent(JsonNode request) {
        JsonNode messages = request.path("messages");
        return messages.get(messages.size() - 1).path("content").asText();
    }
}
