package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.demo.SlackUser;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.PrometheusScrape;
import dev.alfred.bot.support.TestDatabase;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /prometheus} after a task with an allowed, a denied and an approved tool call, on H2: each of Alfred's
 * meters shows up with its tags and the values the run produced.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    AlfredTestApp app;

    @BeforeAll
    void startAlfred() throws Exception {
        app = AlfredTestApp.start(TestDatabase.h2(), Map.of("alfred.spend.prices", "fake-model=1.00/2.00",
                "alfred.metrics.refresh-interval", "1s"));
    }

    @AfterAll
    void stopAlfred() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aTaskWithToolCallsAndAnApprovalShowsUpInThePrometheusScrape() throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("http_get", "{\"url\":\"" + app.slack.statusPageUrl() + "\"}"),
                new FakeOpenAi.ToolCall("http_get", "{\"url\":\"http://169.254.169.254/latest/meta-data/\"}"),
                AlfredTestApp.postCall("C2", "all good"),
                new FakeOpenAi.Text("Posted."));
        app.slack.failNext("chat.update", "internal_error", 1);
        SlackUser ada = app.user("U1");
        long started = System.nanoTime();
        String runId = app.startTask(ada, "check and announce");
        Run waiting = app.awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);
        var card = app.card(waiting);
        ada.click("C1", card.ts(), waiting.threadTs(), "approval.approve", ApprovalFlowIT.actionId(card));
        app.awaitStatus(runId, RunStatus.SUCCEEDED);
        app.awaitDelivered(runId);
        double elapsedSeconds = (System.nanoTime() - started) / 1e9;

        HttpResponse<String> response = scrape();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");

        PrometheusScrape metrics = await().atMost(WAIT).until(() -> PrometheusScrape.parse(scrape().body()),
                scrape -> scrape.find("alfred_runs", Map.of("state", "succeeded")).stream()
                        .anyMatch(sample -> sample.value() >= 1));
        assertThat(metrics.value("alfred_runs", Map.of("state", "waiting_for_approval"))).isZero();
        assertThat(metrics.find("alfred_runs", Map.of())).hasSize(RunStatus.values().length);
        assertThat(metrics.find("alfred_outbox_pending", Map.of())).hasSize(1);

        Map<String, String> modelTurns = Map.of("agent", "alfred", "kind", "model_turn");
        assertThat(metrics.value("alfred_step_duration_seconds_count", modelTurns)).isEqualTo(4);
        assertThat(metrics.value("alfred_step_duration_seconds_sum", modelTurns)).isPositive();
        assertThat(metrics.value("alfred_step_duration_seconds_count", Map.of("agent", "alfred", "kind",
                "tool_call"))).isEqualTo(3);

        Map<String, String> model = Map.of("agent", "alfred", "model", "fake-model");
        assertThat(metrics.value("alfred_model_tokens_total", with(model, "type", "input"))).isEqualTo(4 * 42);
        assertThat(metrics.value("alfred_model_tokens_total", with(model, "type", "output"))).isEqualTo(4 * 7);
        assertThat(metrics.value("alfred_model_cost_usd_total", model))
                .isCloseTo((4 * 42 * 1.00 + 4 * 7 * 2.00) / 1_000_000, within(1e-9));

        assertThat(metrics.value("alfred_tool_calls_total", Map.of("tool", "http_get", "decision", "allow")))
                .isEqualTo(1);
        assertThat(metrics.value("alfred_tool_calls_total", Map.of("tool", "http_get", "decision", "deny")))
                .isEqualTo(1);
        assertThat(metrics.value("alfred_tool_calls_total", Map.of("tool", "slack_post_message", "decision",
                "require_approval"))).isEqualTo(1);

        assertThat(metrics.value("alfred_approval_decision_seconds_count", Map.of("outcome", "approved")))
                .isEqualTo(1);
        assertThat(metrics.value("alfred_approval_decision_seconds_sum", Map.of("outcome", "approved")))
                .isPositive().isLessThan(elapsedSeconds);

        assertThat(metrics.value("alfred_slack_api_calls_total", Map.of("method", "chat.postMessage")))
                .isGreaterThanOrEqualTo(3); // the root message, the card, the post to C2, the answer
        assertThat(metrics.value("alfred_slack_api_calls_total", Map.of("method", "chat.update")))
                .isGreaterThanOrEqualTo(2);
        assertThat(metrics.value("alfred_slack_api_errors_total", Map.of("method", "chat.update", "error",
                "internal_error"))).isEqualTo(1);

        assertThat(metrics.find("jobrunr_jobs_by_state", Map.of("state", "ENQUEUED"))).hasSize(1);
    }

    private HttpResponse<String> scrape() throws Exception {
        int port = app.context.getBean(EmbeddedServer.class).getPort();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> all = new java.util.HashMap<>(labels);
        all.put(key, value);
        return all;
    }
}
