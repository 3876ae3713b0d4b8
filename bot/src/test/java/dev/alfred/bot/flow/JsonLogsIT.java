package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.demo.SlackUser;
import dev.alfred.bot.logging.LogFormat;
import dev.alfred.bot.logging.LogbackConfigurator;
import dev.alfred.bot.logging.LogbackConfigurators;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Alfred logging with its own configuration ({@link LogbackConfigurator}, as in the shipped jar) and {@code
 * ALFRED_LOG_FORMAT=json}, its standard output captured, with real-looking tokens configured: every line is JSON, lines
 * logged while a run is advanced name it, and no token or key appears anywhere, even where the model provider echoes
 * the key back in an error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonLogsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOT_TOKEN = "xoxb-4242424242-2424242424-" + random();
    private static final String API_KEY = "sk-proj-" + random();
    private static final String GITHUB_TOKEN = "ghp_" + random() + random().substring(0, 4);

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream stdout;
    private AlfredTestApp app;

    @BeforeAll
    void startAlfredLoggingJson() throws Exception {
        stdout = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        context.putProperty(LogFormat.VARIABLE, "json");
        LogbackConfigurator alfred = LogbackConfigurators.asInProduction();
        alfred.setContext(context);
        assertThat(alfred.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        app = AlfredTestApp.start(TestDatabase.h2(), Map.of("alfred.slack.bot-token", BOT_TOKEN,
                "alfred.model.api-key", API_KEY, "alfred.github.token", GITHUB_TOKEN));
    }

    @AfterAll
    void stopAlfredAndRestoreLogging() throws Exception {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            System.setOut(stdout);
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            context.reset();
            new ContextInitializer(context).autoConfig(); // logback-test.xml again, as at the start of the JVM
        }
    }

    @Test
    void linesLoggedWhileARunIsAdvancedNameTheRunStepAgentChannelAndThread() throws Exception {
        app.model.then(AlfredTestApp.postCall("C2", "deployed"), new FakeOpenAi.Text("done"));
        SlackUser ada = app.user("U1");
        String runId = app.startTask(ada, "announce the deploy");
        Run waiting = app.awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);
        var card = app.card(waiting);
        ada.click("C1", card.ts(), waiting.threadTs(), "approval.approve", ApprovalFlowIT.actionId(card));
        app.awaitStatus(runId, RunStatus.SUCCEEDED);

        JsonNode posted = lines().stream().filter(line -> line.path("message").asText()
                .startsWith("run " + runId + " posted in C2")).findFirst().orElseThrow();
        assertThat(posted.path("level").asText()).isEqualTo("INFO");
        assertThat(posted.path("runId").asText()).isEqualTo(runId);
        assertThat(posted.path("agent").asText()).isEqualTo("alfred");
        assertThat(posted.path("channelId").asText()).isEqualTo("C1");
        assertThat(posted.path("threadTs").asText()).isEqualTo(waiting.threadTs());
        assertThat(posted.path("step").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void tokensAndKeysNeverReachTheLogEvenWhenTheProviderEchoesThem() throws Exception {
        app.model.then(new FakeOpenAi.Failure(401, "Incorrect API key provided: " + API_KEY + " (sent as Bearer "
                + API_KEY + "); also seen: " + BOT_TOKEN + " " + GITHUB_TOKEN));
        String runId = app.startTask(app.user("U1"), "check the weather");
        app.awaitStatus(runId, RunStatus.FAILED);

        JsonNode failed = lines().stream().filter(line -> runId.equals(line.path("runId").asText()))
                .filter(line -> line.path("message").asText().contains("HTTP 401")).findFirst().orElseThrow();
        assertThat(failed.path("level").asText()).isEqualTo("WARN");
        assertThat(failed.path("message").asText()).contains("Incorrect API key provided: ****");
        assertThat(failed.path("stack_trace").asText()).isNotEmpty();
        String output = output();
        for (String secret : List.of(API_KEY, BOT_TOKEN, GITHUB_TOKEN, AlfredTestApp.SIGNING_SECRET)) {
            assertThat(output).as("captured log output").doesNotContain(secret)
                    .doesNotContain(secret.substring(secret.length() - 12));
        }
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private String output() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
