package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunOrigin;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.FakeSocketMode;
import dev.alfred.bot.support.SlackPayloadSamples;
import dev.alfred.bot.support.SlackPayloadSamples.Kind;
import dev.alfred.bot.support.SlackPayloadSamples.Sample;
import dev.alfred.bot.support.TestDatabase;
import java.time.Duration;
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
 * {@link SlackPayloadReplayIT} over Socket Mode: every recorded payload that Slack also delivers on a socket (all
 * but {@code url_verification} and {@code app_rate_limited}) is sent in the envelope Slack would use, and each
 * envelope is acknowledged within Slack's 3 seconds; again only the person's mention and assistant thread message
 * start runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlackPayloadReplaySocketModeIT {
    FakeSocketMode socket;
    AlfredTestApp app;

    @BeforeAll
    void startAlfredOverSocketMode() throws Exception {
        socket = FakeSocketMode.start();
        app = AlfredTestApp.start(TestDatabase.h2(), Map.of("alfred.slack.app-token", "xapp-1-A1-test"),
                slack -> slack.socketModeUrls(socket::nextUrl));
        socket.awaitConnections(1);
        socket.awaitAck(socket.slashCommand(dev.alfred.bot.support.SlackRequests.slashCommand("help")));
        app.model.respondWith(request -> new FakeOpenAi.ToolCall("ask_human", "{\"question\":\"Which one?\"}"));
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (socket != null) {
            socket.close();
        }
    }

    static List<Sample> samples() {
        return SlackPayloadSamples.all().stream().filter(sample -> sample.kind() != Kind.HTTP_ONLY).toList();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyEnvelopeIsAcknowledgedWithin3Seconds(Sample sample) {
        ObjectNode envelope = switch (sample.kind()) {
            case EVENT -> FakeSocketMode.eventsApi(sample.json());
            case INTERACTION -> FakeSocketMode.interactive(sample.json());
            case COMMAND -> FakeSocketMode.slashCommands(sample.fields());
            case HTTP_ONLY -> throw new IllegalArgumentException(sample.name());
        };

        String envelopeId = socket.send(envelope);

        await().atMost(Duration.ofSeconds(3)).until(() -> !socket.acks(envelopeId).isEmpty());
    }

    @Test
    @Order(2)
    void onlyThePersonsMentionAndAssistantThreadMessageStartedRuns() {
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> app.runs().size() == 2);

        assertThat(app.runs()).extracting(Run::origin).containsExactlyInAnyOrder(RunOrigin.MENTION,
                RunOrigin.ASSISTANT_THREAD);
    }
}
