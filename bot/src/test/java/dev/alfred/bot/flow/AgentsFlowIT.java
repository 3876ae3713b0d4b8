package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunLookups;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.TranscriptEntry;
import dev.alfred.agents.run.TranscriptRole;
import dev.alfred.agents.scratchpad.ScratchpadEntry;
import dev.alfred.agents.scratchpad.ScratchpadRepository;
import dev.alfred.agents.tools.ToolOutput;
import dev.alfred.bot.demo.SlackUser;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shipped agents through HTTP: {@code /alfred task @agent}, {@code /alfred agents}, an agent's tool list
 * enforced, and the boss delegating to a specialist: the sub-run is recorded with its parent, reports in the same
 * thread under its codename, writes its own scratchpad namespace, and its answer comes back as the tool result;
 * the boss promotes the finding to {@code shared.*}. A sub-run's question is answered in the thread, it inherits its
 * parent's agent pause, and it is cancelled with its parent. The fake model plays each agent, told apart by the
 * system prompt. Runs once per database (see the subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AgentsFlowIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern SUB_RUN = Pattern.compile("sub-run ([a-z0-9]+)\\)");

    AlfredTestApp app;
    SlackUser ada;

    abstract TestDatabase database();

    @BeforeAll
    void startAlfred() throws Exception {
        // A price for the fake model, so that spend flows from the sub-run to its parent.
        app = AlfredTestApp.start(database(), Map.of("alfred.spend.prices", "fake-model=1.00/1.00"));
        ada = app.user("U1");
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
    void bossDelegatesToOracleWhichReportsInTheThreadAndTheBossPromotesItsFinding() throws Exception {
        app.model.respondWith(request -> {
            List<String> results = toolResults(request);
            if (agentOf(request).equals("oracle")) {
                return switch (results.size()) {
                    case 0 -> new FakeOpenAi.ToolCall("http_get", "{\"url\":\"" + app.slack.statusPageUrl() + "\"}");
                    case 1 -> new FakeOpenAi.ToolCall("scratchpad_write",
                            "{\"name\":\"findings\",\"value\":\"payments-api degraded: INC-2291\"}");
                    case 2 -> new FakeOpenAi.ToolCall("scratchpad_promote", "{\"key\":\"scratch.x.findings\"}");
                    default -> new FakeOpenAi.Text("payments-api is degraded (INC-2291).");
                };
            }
            return switch (results.size()) {
                case 0 -> new FakeOpenAi.ToolCall("delegate",
                        "{\"agent\":\"oracle\",\"brief\":\"Check the payments status page; note what you find.\"}");
                case 1 -> new FakeOpenAi.ToolCall("scratchpad_read",
                        "{\"key\":\"scratch." + subRunIn(results.get(0)) + ".findings\"}");
                case 2 -> new FakeOpenAi.ToolCall("scratchpad_promote",
                        "{\"key\":\"scratch." + subRunIn(results.get(0)) + ".findings\"}");
                default -> new FakeOpenAi.Text("Payments is degraded (INC-2291), as oracle found.");
            };
        });

        String runId = app.startTask(ada, "is payments healthy?");

        Run boss = awaitEnd(runId);
        assertThat(boss.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(boss.finalAnswer()).isEqualTo("Payments is degraded (INC-2291), as oracle found.");
        List<Run> children = lookups().children(runId);
        assertThat(children).hasSize(1);
        Run oracle = children.get(0);
        assertThat(oracle.agent()).isEqualTo("oracle");
        assertThat(oracle.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(oracle.parentRunId()).isEqualTo(runId);
        assertThat(oracle.threadTs()).isEqualTo(boss.threadTs());
        assertThat(oracle.task()).isEqualTo("Check the payments status page; note what you find.");

        assertThat(toolResult(runId, "delegate")).contains("oracle (sub-run " + oracle.id() + ") answered:",
                "payments-api is degraded (INC-2291).");
        assertThat(toolResult(oracle.id(), "scratchpad_promote")).contains("may not call scratchpad_promote");
        assertThat(toolResult(runId, "scratchpad_read")).contains("payments-api degraded: INC-2291");
        List<ScratchpadEntry> pad = StreamSupport.stream(app.context.getBean(ScratchpadRepository.class)
                .findAll().spliterator(), false).filter(entry -> entry.rootRunId().equals(runId)).toList();
        assertThat(pad).extracting(ScratchpadEntry::entryKey)
                .containsExactlyInAnyOrder("scratch." + oracle.id() + ".findings", "shared.findings");
        assertThat(pad).allMatch(entry -> entry.entryValue().equals("payments-api degraded: INC-2291"));
        assertThat(pad).filteredOn(entry -> entry.entryKey().equals("shared.findings"))
                .extracting(ScratchpadEntry::writtenBy).containsExactly(runId);

        assertThat(app.auditKinds(runId)).contains("tool.call", "subrun.result", "scratchpad.promoted",
                "run.succeeded");
        assertThat(app.auditKinds(oracle.id())).contains("subrun.started", "scratchpad.written", "run.succeeded");
        assertThat(app.auditKinds(oracle.id())).doesNotContain("scratchpad.promoted");
        assertThat(boss.spendUsd()).isGreaterThan(oracle.spendUsd());
        assertThat(oracle.spendUsd()).isGreaterThan(BigDecimal.ZERO);

        List<String> thread = app.threadTexts(boss);
        assertThat(thread).anyMatch(text -> text.contains("*alfred* delegated to *oracle* (sub-run `"
                + oracle.id() + "`): Check the payments status page"));
        assertThat(thread).anyMatch(text -> text.startsWith("*oracle* · reports back (sub-run `" + oracle.id()
                + "`):") && text.contains("payments-api is degraded"));
        assertThat(thread).anyMatch(text -> text.startsWith("<@U1> here is my answer:"));
        assertThat(thread.stream().filter(text -> text.contains("<@U1>"))).hasSize(1);
    }

    @Test
    void aSubRunsQuestionIsAnsweredInTheThreadAndItWaitsOutItsParentsAgentPause() throws Exception {
        app.model.respondWith(request -> {
            List<String> results = toolResults(request);
            if (agentOf(request).equals("oracle")) {
                return results.isEmpty() ? new FakeOpenAi.ToolCall("ask_human", "{\"question\":\"Which region?\"}")
                        : new FakeOpenAi.Text("Checked " + results.get(0).replaceAll("(?s).*(eu-\\w+).*", "$1")
                                + ": healthy.");
            }
            return results.isEmpty() ? new FakeOpenAi.ToolCall("delegate",
                    "{\"agent\":\"oracle\",\"brief\":\"Check the region the requester names.\"}")
                    : new FakeOpenAi.Text("Done: " + ToolOutput.content(results.get(0))
                            .replaceAll("(?s).*answered:\\s*", "").strip());
        });
        String runId = app.startTask(ada, "check a region");
        Run child = await().atMost(WAIT).until(() -> lookups().children(runId).stream().findFirst(),
                found -> found.isPresent() && found.get().status() == RunStatus.WAITING_FOR_REPLY).orElseThrow();
        assertThat(app.run(runId).status()).isEqualTo(RunStatus.WAITING_FOR_SUBRUN);
        assertThat(AlfredTestApp.ackText(ada.command("C1", "status " + runId))).contains("*WAITING_FOR_SUBRUN*",
                "It waits for *oracle* (sub-run `" + child.id() + "`, WAITING_FOR_REPLY)");
        assertThat(AlfredTestApp.ackText(ada.command("C1", "status " + child.id()))).contains("(agent *oracle*, "
                + "a sub-run of `" + runId + "`)");
        assertThat(app.threadTexts(app.run(runId))).anyMatch(text -> text.startsWith("*oracle* · :question: <@U1>")
                && text.contains("Which region?"));

        assertThat(AlfredTestApp.ackText(ada.command("C1", "pause alfred"))).contains("Paused agent `alfred`");
        try {
            ada.reply("C1", app.run(runId).threadTs(), "eu-west please", "Ev-agents-region");
            app.awaitStatus(child.id(), RunStatus.PAUSED);
            assertThat(app.run(runId).status()).isEqualTo(RunStatus.WAITING_FOR_SUBRUN);
            assertThat(store().transcript(child.id())).filteredOn(entry -> entry.role() == TranscriptRole.TOOL_RESULT)
                    .extracting(TranscriptEntry::content).anyMatch(content -> content.contains("eu-west please"));
        } finally {
            assertThat(AlfredTestApp.ackText(ada.command("C1", "resume alfred"))).contains("Resumed");
        }

        Run boss = awaitEnd(runId);
        assertThat(boss.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(boss.finalAnswer()).isEqualTo("Done: Checked eu-west: healthy.");
        assertThat(app.run(child.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void cancellingTheParentCancelsItsSubRun() throws Exception {
        app.model.respondWith(request -> agentOf(request).equals("oracle")
                ? new FakeOpenAi.ToolCall("ask_human", "{\"question\":\"Which region?\"}")
                : new FakeOpenAi.ToolCall("delegate", "{\"agent\":\"oracle\",\"brief\":\"Ask for a region.\"}"));
        String runId = app.startTask(ada, "check another region");
        Run child = await().atMost(WAIT).until(() -> lookups().children(runId).stream().findFirst(),
                found -> found.isPresent() && found.get().status() == RunStatus.WAITING_FOR_REPLY).orElseThrow();

        assertThat(AlfredTestApp.ackText(ada.command("C1", "cancel " + runId))).contains("Cancelled run");

        assertThat(app.run(runId).status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(app.run(child.id()).status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(app.run(child.id()).failureReason()).contains("its parent run " + runId + " ended");
        assertThat(app.threadTexts(app.run(runId))).anyMatch(text -> text.contains("*oracle* stopped"));
    }

    @Test
    void aTaskNamingAnAgentRunsThatAgentWithOnlyItsTools() throws Exception {
        app.model.then(AlfredTestApp.postCall("C9", "hello"), new FakeOpenAi.Text("I cannot post; here it is."));

        String runId = app.startTask(ada, "@oracle post hello in C9");

        Run run = awaitEnd(runId);
        assertThat(run.agent()).isEqualTo("oracle");
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(store().transcript(runId).get(0).content()).startsWith("You are Oracle");
        assertThat(toolResult(runId, "slack_post_message")).contains("you (oracle) may not call slack_post_message");
        JsonNode firstRequest = app.model.requests().get(0);
        assertThat(StreamSupport.stream(firstRequest.path("tools").spliterator(), false)
                .map(tool -> tool.path("function").path("name").asText()).toList()).containsExactly("ask_human", "http_get", "scratchpad_read", "scratchpad_write",
                        "slack_read_thread");
        app.awaitDelivered(runId);
        assertThat(app.slack.calls("chat.postMessage")).noneMatch(call -> "C9".equals(call.arg("channel")));
    }

    @Test
    void invalidArgumentsGoBackToTheModelAsAToolErrorNeverToAPersonAsACard() throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("slack_post_message", "{\"channel\":\"C9\"}"),
                new FakeOpenAi.ToolCall("slack_post_message", "{\"channel\":42,\"text\":\"hi\"}"),
                new FakeOpenAi.Text("I could not form a valid post."));

        Run run = awaitEnd(app.startTask(ada, "post hi somewhere"));

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        List<JsonNode> requests = app.model.requests();
        assertThat(lastToolResult(requests.get(1))).contains("ERROR: the arguments do not match the parameters of "
                + "slack_post_message", "text");
        assertThat(lastToolResult(requests.get(2))).contains("ERROR: the arguments do not match the parameters of "
                + "slack_post_message", "channel");
        assertThat(app.context.getBean(Approvals.class).ofRun(run.id())).isEmpty();
        app.awaitDelivered(run.id());
        assertThat(app.slack.threadReplies(run.threadTs())).noneMatch(call -> String.valueOf(call.arg("blocks"))
                .contains("approval.approve"));
        assertThat(app.auditKinds(run.id())).doesNotContain("approval.staged");
    }

    @Test
    void agentsListsEachAgentAndAnUnknownAgentIsRefused() throws Exception {
        String agents = AlfredTestApp.ackText(ada.command("C1", "agents"));
        assertThat(agents).contains("*alfred*", "*lucius*", "*oracle*", "`delegate`", "`github_open_pull_request`",
                "model `fake-model (openai)`");

        String refused = AlfredTestApp.ackText(ada.command("C1", "task @nobody do it"));
        assertThat(refused).contains("I have no agent called `nobody`", "`@lucius`");
        assertThat(app.runs()).noneMatch(run -> run.task().equals("do it"));
    }

    private RunStore store() {
        return app.context.getBean(RunStore.class);
    }

    private RunLookups lookups() {
        return app.context.getBean(RunLookups.class);
    }

    private Run awaitEnd(String runId) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> app.run(runId),
                run -> run.status().isTerminal());
    }

    private String toolResult(String runId, String toolName) {
        return store().transcript(runId).stream().filter(entry -> entry.role() == TranscriptRole.TOOL_RESULT
                && toolName.equals(entry.toolName())).map(TranscriptEntry::content).findFirst().orElseThrow();
    }

    /** @return which shipped agent a request is for, from its system prompt */
    private static String agentOf(JsonNode request) {
        String system = request.path("messages").get(0).path("content").asText();
        return system.startsWith("You are Oracle") ? "oracle" : system.startsWith("You are Lucius") ? "lucius"
                : "alfred";
    }

    /** @return the contents of the request's tool results, oldest first */
    private static List<String> toolResults(JsonNode request) {
        return StreamSupport.stream(request.path("messages").spliterator(), false)
                .filter(message -> message.path("role").asText().equals("tool"))
                .map(message -> message.path("content").asText()).toList();
    }

    private static String lastToolResult(JsonNode request) {
        List<String> results = toolResults(request);
        return results.get(results.size() - 1);
    }

    private static String subRunIn(String delegateResult) {
        Matcher matcher = SUB_RUN.matcher(delegateResult);
        return Optional.of(matcher).filter(Matcher::find).map(m -> m.group(1)).orElseThrow();
    }
}
