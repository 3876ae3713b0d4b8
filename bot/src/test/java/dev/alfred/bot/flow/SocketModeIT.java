package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.StagedActionStatus;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.TranscriptRole;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.slack.blocks.ApprovalCards;
import dev.alfred.bot.slack.http.SlackSocketMode;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.FakeSocketMode;
import dev.alfred.bot.support.SlackRequests;
import dev.alfred.bot.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Socket Mode end to end on H2: with an app token set, Alfred gets a WebSocket URL from {@code apps.connections.open}
 * on the fake Web API, connects to a fake Socket Mode server, and the same Bolt app serves slash commands, Events API
 * thread replies and button clicks arriving as envelopes, acknowledging each on the socket; it reconnects when Slack
 * asks it to or the connection drops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SocketModeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RUN_ID = Pattern.compile("run `([^`]+)`");
    private static final Duration RECONNECT = Duration.ofSeconds(30);

    FakeSocketMode socket;
    AlfredTestApp app;

    @BeforeAll
    void startAlfredOverSocketMode() throws Exception {
        socket = FakeSocketMode.start();
        app = AlfredTestApp.start(TestDatabase.h2(), Map.of("alfred.slack.app-token", "xapp-1-A1-test"),
                slack -> slack.socketModeUrls(socket::nextUrl));
        socket.awaitConnections(1);
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

    @BeforeEach
    void resetModel() {
        app.model.reset();
    }

    @Test
    void aSlashCommandOverTheSocketIsAckedWithItsRunWhichAnswersInItsThread() throws Exception {
        app.model.then(new FakeOpenAi.Text("payments-api is healthy."));

        String envelopeId = socket.slashCommand(SlackRequests.slashCommand("task is payments healthy?"));

        JsonNode ack = socket.awaitAck(envelopeId);
        assertThat(ack.path("envelope_id").asText()).isEqualTo(envelopeId);
        String text = ack.path("payload").path("text").asText();
        assertThat(text).startsWith("On it: run `");
        Run run = app.awaitStatus(runId(text), RunStatus.SUCCEEDED);
        assertThat(run.finalAnswer()).isEqualTo("payments-api is healthy.");
        assertThat(app.threadTexts(run)).last().satisfies(last -> assertThat(last)
                .contains("<@U1> here is my answer:", "payments-api is healthy."));
        assertThat(app.slack.calls("apps.connections.open")).isNotEmpty();
        assertThat(socket.connectionPaths().get(0)).startsWith("/link/?ticket=");
    }

    @Test
    void theSameCommandEnvelopeDeliveredTwiceStartsOneRun() throws Exception {
        app.model.then(new FakeOpenAi.Text("once"));
        ObjectNode envelope = FakeSocketMode.slashCommands(
                SlackRequests.slashCommand("task only once over the socket"));

        String first = ackText(socket.send(envelope));
        String envelopeId = socket.send(envelope);
        await().atMost(Duration.ofSeconds(30)).until(() -> socket.acks(envelopeId).size() == 2);

        assertThat(first).startsWith("On it");
        assertThat(socket.acks(envelopeId).get(1).path("payload").path("text").asText())
                .contains("already have this request");
        assertThat(app.runs()).filteredOn(run -> run.task().equals("only once over the socket")).hasSize(1);
        app.awaitStatus(runId(first), RunStatus.SUCCEEDED);
    }

    @Test
    void aThreadReplyEnvelopeAnswersTheQuestionOnceHoweverOftenItIsDelivered() throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("ask_human", "{\"question\":\"Which region?\"}"),
                new FakeOpenAi.Text("Checked eu-west-1."));
        String runId = runId(ackText(socket.slashCommand(SlackRequests.slashCommand("task check latency"))));
        Run waiting = app.awaitStatus(runId, RunStatus.WAITING_FOR_REPLY);

        ObjectNode reply = FakeSocketMode.eventsApi(threadReply(waiting.threadTs(), "eu-west-1"));
        String envelopeId = socket.send(reply);
        socket.send(reply);

        await().atMost(Duration.ofSeconds(30)).until(() -> socket.acks(envelopeId).size() == 2);
        assertThat(socket.acks(envelopeId)).allSatisfy(ack -> assertThat(ack.toString())
                .isEqualTo("{\"envelope_id\":\"" + envelopeId + "\"}"));
        Run done = app.awaitStatus(runId, RunStatus.SUCCEEDED);
        assertThat(done.finalAnswer()).isEqualTo("Checked eu-west-1.");
        assertThat(app.context.getBean(RunStore.class).transcript(runId))
                .filteredOn(entry -> entry.role() == TranscriptRole.TOOL_RESULT).hasSize(1);
        assertThat(app.model.requests()).hasSize(2);
    }

    @Test
    void anApproveClickEnvelopeExecutesTheActionOnce() throws Exception {
        app.model.then(AlfredTestApp.postCall("C2", "deploy finished over the socket"),
                new FakeOpenAi.Text("posted it"));
        String runId = runId(ackText(socket.slashCommand(SlackRequests.slashCommand("task announce the deploy"))));
        Run waiting = app.awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL);
        LocalSlack.Call card = app.card(waiting);
        String actionId = ApprovalCards.approveButtonValue(card.arg("blocks"));

        ObjectNode click = FakeSocketMode.interactive(approveClick(card, waiting.threadTs(), actionId));
        String envelopeId = socket.send(click);
        socket.send(click);

        await().atMost(Duration.ofSeconds(30)).until(() -> socket.acks(envelopeId).size() == 2);
        app.awaitStatus(runId, RunStatus.SUCCEEDED);
        assertThat(app.postsTo("C2")).containsExactly("deploy finished over the socket");
        assertThat(app.context.getBean(Approvals.class).find(actionId).orElseThrow().status())
                .isEqualTo(StagedActionStatus.EXECUTED);
    }

    @Test
    void alfredReconnectsWhenSlackAsksItToAndWhenTheConnectionDrops() throws Exception {
        int connections = socket.connectionsOpened();
        int urls = socket.urlsIssued();

        socket.sendDisconnect("refresh_requested");
        socket.awaitConnections(connections + 1);
        assertThat(socket.urlsIssued()).isGreaterThan(urls);
        assertThat(ackText(socket.slashCommand(SlackRequests.slashCommand("help")))).contains("/alfred task");

        socket.dropConnection();
        await().atMost(RECONNECT).until(() -> socket.connectionsOpened() >= connections + 2);
        socket.awaitConnections(connections + 2);
        assertThat(socket.urlsIssued()).isGreaterThan(urls + 1);
        assertThat(ackText(socket.slashCommand(SlackRequests.slashCommand("help")))).contains("/alfred task");
        assertThat(app.context.getBean(SlackSocketMode.class).connected()).isTrue();
    }

    @Test
    void signedHttpRequestsAreStillServedNextToTheSocket() throws Exception {
        assertThat(AlfredTestApp.ackText(app.requests.command("help"))).contains("/alfred task");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void stoppingAlfredClosesTheSocketForGood() {
        socket.awaitConnections(1);
        int connections = socket.connectionsOpened();

        app.context.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> socket.openConnections() == 0);
        // Bolt checks the connection every 5 s; a client left running would have reconnected within that.
        await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(8))
                .until(() -> socket.connectionsOpened() == connections);
    }

    private String ackText(String envelopeId) {
        return socket.awaitAck(envelopeId).path("payload").path("text").asText();
    }

    private static String runId(String ackText) {
        Matcher matcher = RUN_ID.matcher(ackText);
        assertThat(matcher.find()).as("run id in %s", ackText).isTrue();
        return matcher.group(1);
    }

    /** @return an Events API {@code event_callback}: U1 replies in the thread (a fresh {@code event_id}) */
    private static ObjectNode threadReply(String threadTs, String text) {
        long now = Instant.now().getEpochSecond();
        ObjectNode callback = JSON.createObjectNode().put("token", "legacy-token").put("team_id", "T1")
                .put("api_app_id", "A1").put("type", "event_callback").put("event_id", "Ev" + UUID.randomUUID())
                .put("event_time", now);
        callback.putObject("event").put("type", "message").put("channel", "C1").put("user", "U1").put("text", text)
                .put("ts", now + "." + String.format("%06d", System.nanoTime() % 1_000_000))
                .put("thread_ts", threadTs).put("channel_type", "channel").put("event_ts", String.valueOf(now));
        return callback;
    }

    /** @return a {@code block_actions} payload: U1 clicks Approve on the card */
    private static ObjectNode approveClick(LocalSlack.Call card, String threadTs, String actionId) {
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions").put("api_app_id", "A1")
                .put("token", "legacy-token").put("trigger_id", "trigger." + UUID.randomUUID())
                .put("response_url", "https://hooks.slack.invalid/actions/T1");
        payload.putObject("team").put("id", "T1").put("domain", "acme");
        payload.putObject("user").put("id", "U1").put("username", "ada").put("team_id", "T1");
        payload.putObject("container").put("type", "message").put("message_ts", card.ts()).put("channel_id", "C1")
                .put("is_ephemeral", false).put("thread_ts", threadTs);
        payload.putObject("channel").put("id", "C1").put("name", "ops");
        payload.putObject("message").put("type", "message").put("ts", card.ts()).put("thread_ts", threadTs);
        payload.putArray("actions").addObject().put("action_id", ApprovalCards.APPROVE).put("block_id", "approval")
                .put("value", actionId).put("type", "button")
                .put("action_ts", Instant.now().getEpochSecond() + ".1");
        return payload;
    }
}
