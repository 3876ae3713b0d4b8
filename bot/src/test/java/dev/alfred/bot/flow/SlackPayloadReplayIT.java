package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunOrigin;
import dev.alfred.bot.slack.event.AppLifecycle;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.SlackPayloadSamples;
import dev.alfred.bot.support.SlackPayloadSamples.Sample;
import dev.alfred.bot.support.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real Slack payload recorded in Slack's own repositories ({@code slack-payloads/SOURCE.md}), signed and
 * posted to {@code POST /slack/events} as Slack sends it, to a fresh Alfred on H2: each is answered 2xx within
 * Slack's 3 seconds, and only the two that ask Alfred for something start a run (a person's mention in a channel,
 * and a person's message in an assistant thread); bots' messages, edits, deletions, joins and every other event are
 * acknowledged and ignored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlackPayloadReplayIT {
    AlfredTestApp app;

    @BeforeAll
    void startAlfred() throws Exception {
        app = AlfredTestApp.start(TestDatabase.h2(), Map.of());
        assertThat(AlfredTestApp.ackText(app.requests.command("help"))).as("warmed up").contains("/alfred task");
        app.model.respondWith(request -> new FakeOpenAi.ToolCall("ask_human", "{\"question\":\"Which one?\"}"));
    }

    @AfterAll
    void stopAlfred() {
        if (app != null) {
            app.close();
        }
    }

    static List<Sample> samples() {
        return SlackPayloadSamples.all();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyRealPayloadIsAcknowledgedWithin3Seconds(Sample sample) throws Exception {
        Instant sent = Instant.now();

        HttpResponse<String> response = app.requests.send(sample.contentType(), sample.httpBody(), Instant.now(),
                AlfredTestApp.SIGNING_SECRET);

        assertThat(response.statusCode()).as("%s answered %s", sample, response.body()).isBetween(200, 299);
        assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    @Order(2)
    void onlyThePersonsMentionAndAssistantThreadMessageStartedRuns() {
        assertThat(samples()).hasSizeGreaterThan(150);

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> app.runs().size() == 2);

        assertThat(app.runs()).extracting(Run::origin, Run::channelId, Run::threadTs, Run::requesterUserId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(RunOrigin.MENTION, "C111", "1595926230.009600", "W222"),
                        org.assertj.core.groups.Tuple.tuple(RunOrigin.ASSISTANT_THREAD, "D111", "1726133698.626339",
                                "W222"));
        assertThat(app.runs()).extracting(Run::task).containsExactlyInAnyOrder("Hi there!",
                "When Slack was released?");
    }

    @Test
    @Order(3)
    void appRateLimitedIsCounted() {
        io.micrometer.core.instrument.Counter counter = app.context.getBean(
                io.micrometer.core.instrument.MeterRegistry.class).find(AppLifecycle.RATE_LIMITED)
                .tag("team", "T123456").counter();

        assertThat(counter).isNotNull();
        assertThat(counter.count()).isEqualTo(1.0);
    }
}
