package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.alfred.agents.audit.AuditEvent;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.Step;
import dev.alfred.agents.run.StepKind;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Agents' models through HTTP, with agent files of the test's own in {@code ALFRED_AGENTS_DIR}: the fallback model
 * answers when the agent's model fails after its retries and is not called when it answers; a 50-step run keeps
 * every prompt under the agent's {@code max-prompt-tokens} by compacting older turns, with the provider's reported
 * usage as the count; an invalid agent file stops start-up with the file, the line and the reason. On H2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentModelsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PROMPT_BUDGET = 3_000;
    private static final String ALFRED = """
            name: alfred
            description: The boss, on a model that may fail.
            system-prompt: You are the test boss.
            model: {provider: openai, name: primary}
            fallback: {provider: openai, name: backup}
            tools: [ask_human, http_get]
            """;
    private static final String LONGRUN = """
            name: longrun
            description: Checks a page fifty times.
            system-prompt: You are the long-running test agent. Check the page until told to stop.
            tools: [http_get]
            max-steps: 200
            max-prompt-tokens: %d
            """.formatted(PROMPT_BUDGET);

    AlfredTestApp app;
    HttpServer page;

    @BeforeAll
    void startAlfred() throws Exception {
        Path agents = Files.createTempDirectory("alfred-agents");
        Files.writeString(agents.resolve("alfred.yml"), ALFRED);
        Files.writeString(agents.resolve("longrun.yml"), LONGRUN);
        page = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = ("payments-api: degraded. " + "x".repeat(1_980)).getBytes(StandardCharsets.UTF_8);
        page.createContext("/status", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        page.start();
        app = AlfredTestApp.start(TestDatabase.h2(), Map.of("alfred.agents.dir", agents.toString(),
                "alfred.model.max-retries", 1, "alfred.model.retry-delay", "5ms", "alfred.runs.max-steps", 200));
    }

    @AfterAll
    void stopAlfred() {
        if (app != null) {
            app.close();
        }
        if (page != null) {
            page.stop(0);
        }
    }

    @BeforeEach
    void resetModel() {
        app.model.reset();
    }

    @Test
    void theFallbackAnswersWhenTheModelFailsAfterItsRetries() throws Exception {
        app.model.respondWith(request -> model(request).equals("primary")
                ? new FakeOpenAi.Failure(500, "primary is down") : new FakeOpenAi.Text("from the backup model"));

        Run run = awaitEnd(app.startTask(app.user("U1"), "answer from any model"));

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.finalAnswer()).isEqualTo("from the backup model");
        assertThat(app.model.requests()).extracting(AgentModelsIT::model)
                .containsExactly("primary", "primary", "backup");
        AuditEvent turn = app.audit(run.id()).stream().filter(event -> event.kind().equals("model.turn"))
                .findFirst().orElseThrow();
        assertThat(turn.detail()).contains("backup", "fallback", "primary");
        assertThat(turn.data()).contains("\"fallback\":true", "\"model\":\"backup\"");
    }

    @Test
    void theFallbackIsNotCalledWhenTheModelAnswers() throws Exception {
        app.model.respondWith(request -> new FakeOpenAi.Text("from " + model(request)));

        Run run = awaitEnd(app.startTask(app.user("U1"), "answer from the first model"));

        assertThat(run.finalAnswer()).isEqualTo("from primary");
        assertThat(app.model.requests()).extracting(AgentModelsIT::model).containsExactly("primary");
    }

    @Test
    void aFiftyStepRunKeepsEveryPromptUnderItsBudgetByCompacting() throws Exception {
        AtomicInteger turns = new AtomicInteger();
        String url = "http://127.0.0.1:" + page.getAddress().getPort() + "/status";
        app.model.reportPromptSize();
        app.model.respondWith(request -> {
            if (request.path("tools").isMissingNode()) {
                return new FakeOpenAi.Text("Checked the status page " + turns.get() + " times; each time it said "
                        + "payments-api: degraded. Nothing else changed. Keep checking.");
            }
            int turn = turns.incrementAndGet();
            return turn <= 50 ? new FakeOpenAi.ToolCall("http_get", "{\"url\":\"" + url + "?check=" + turn + "\"}")
                    : new FakeOpenAi.Text("payments-api stayed degraded through 50 checks.");
        });

        Run run = awaitEnd(app.startTask(app.user("U1"), "@longrun check the status page 50 times"));

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        List<Step> steps = app.context.getBean(RunStore.class).steps(run.id());
        assertThat(steps).filteredOn(step -> step.kind() == StepKind.TOOL_CALL).hasSize(50);
        long compactions = steps.stream().filter(step -> step.kind() == StepKind.COMPACTION).count();
        assertThat(compactions).isPositive();
        assertThat(app.auditKinds(run.id()).stream().filter("transcript.compacted"::equals).count())
                .isEqualTo(compactions);
        List<Integer> prompts = app.model.requests().stream().filter(request -> !request.path("tools").isMissingNode())
                .map(FakeOpenAi::promptTokens).toList();
        int largest = prompts.stream().mapToInt(Integer::intValue).max().orElseThrow();
        System.out.printf("compaction: %d model turns, %d compactions, largest prompt %d tokens (budget %d)%n",
                prompts.size(), compactions, largest, PROMPT_BUDGET);
        assertThat(prompts).hasSize(51).allMatch(tokens -> tokens <= PROMPT_BUDGET);
    }

    @Test
    void anInvalidAgentFileStopsStartUpNamingTheFileTheLineAndTheReason() throws Exception {
        Path agents = Files.createTempDirectory("alfred-bad-agents");
        Files.writeString(agents.resolve("alfred.yml"), ALFRED.replace("tools:", "toolz:"));

        assertThatThrownBy(() -> AlfredTestApp.start(TestDatabase.h2(), Map.of("alfred.agents.dir",
                agents.toString())))
                .hasStackTraceContaining(agents.resolve("alfred.yml") + " line 6: ")
                .hasStackTraceContaining("unknown key 'toolz' (expected one of: ");
    }

    private Run awaitEnd(String runId) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> app.run(runId),
                run -> run.status().isTerminal());
    }

    private static String model(JsonNode request) {
        return request.path("model").asText();
    }
}
