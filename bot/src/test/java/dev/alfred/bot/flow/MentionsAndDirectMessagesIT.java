package dev.alfred.bot.flow;

import static dev.alfred.bot.support.SlackEvents.ALFRED;
import static dev.alfred.bot.support.SlackEvents.nextTs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunOrigin;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.TranscriptRole;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.SlackEvents;
import dev.alfred.bot.support.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Talking to Alfred without the slash command, through signed Events API deliveries: {@code @Alfred …} in a channel
 * starts a run in the mention's own thread (no root message) or replies to the run of the thread it is in; a
 * direct message starts a run threaded under it, and replies in that thread continue it; bots' messages, edits,
 * deletions and joins start nothing. Runs once per database (see the subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MentionsAndDirectMessagesIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    AlfredTestApp app;

    abstract TestDatabase database();

    @BeforeAll
    void startAlfred() throws Exception {
        app = AlfredTestApp.start(database(), Map.of());
    }

    @AfterAll
    void stopAlfred() {
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    void resetModel() {
        // An earlier test's final answer may still be on its way to Slack; some tests count posts from their start.
        app.awaitSettled();
        app.model.reset();
    }

    @Test
    void aMentionOutsideAThreadStartsARunInTheMentionsOwnThreadWithoutARootMessage() throws Exception {
        app.model.then(new FakeOpenAi.Text("payments-api is healthy."));
        String mentionTs = nextTs();
        int postsBefore = app.slack.calls("chat.postMessage").size();

        deliver(SlackEvents.mention("U1", "C1", mentionTs, null, ALFRED + " is payments healthy?"));

        Run run = app.awaitStatus(runIn("C1", mentionTs).id(), RunStatus.SUCCEEDED);
        assertThat(run.origin()).isEqualTo(RunOrigin.MENTION);
        assertThat(run.task()).isEqualTo("is payments healthy?");
        assertThat(run.requesterUserId()).isEqualTo("U1");
        assertThat(app.threadTexts(run)).last().satisfies(text -> assertThat(text)
                .contains("<@U1> here is my answer:", "payments-api is healthy."));
        assertThat(app.slack.calls("chat.postMessage").subList(postsBefore, app.slack.calls("chat.postMessage")
                .size())).allSatisfy(post -> assertThat(post.arg("thread_ts")).isEqualTo(mentionTs));
        assertThat(app.model.requests().get(0).path("messages").toString()).doesNotContain("UALFRED");
    }

    @Test
    void aMentionInAnotherThreadStartsARunThereAndMayPickAnAgent() throws Exception {
        app.model.then(new FakeOpenAi.Text("Looked into it."));
        String rootTs = nextTs();
        String mentionTs = nextTs();

        deliver(SlackEvents.mention("U1", "C1", mentionTs, rootTs, ALFRED + " @lucius what broke here?"));

        Run run = app.awaitStatus(runIn("C1", rootTs).id(), RunStatus.SUCCEEDED);
        assertThat(run.agent()).isEqualTo("lucius");
        assertThat(run.task()).isEqualTo("what broke here?");
        assertThat(app.runs()).noneMatch(other -> mentionTs.equals(other.threadTs()));
    }

    @Test
    void aMentionInsideARunsThreadIsAReplyToThatRunAppliedOnce() throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("ask_human", "{\"question\":\"Which region?\"}"),
                new FakeOpenAi.Text("Checked eu-west-1."));
        String runId = app.startTask(app.user("U1"), "check latency");
        Run waiting = app.awaitStatus(runId, RunStatus.WAITING_FOR_REPLY);
        int runsBefore = app.runs().size();
        String replyTs = nextTs();
        String text = ALFRED + " eu-west-1";

        deliver(SlackEvents.mention("U1", "C1", replyTs, waiting.threadTs(), text));
        deliver(SlackEvents.message("U1", "C1", "channel", replyTs, waiting.threadTs(), text));

        Run done = app.awaitStatus(runId, RunStatus.SUCCEEDED);
        assertThat(done.finalAnswer()).isEqualTo("Checked eu-west-1.");
        assertThat(app.runs()).hasSize(runsBefore);
        assertThat(app.context.getBean(RunStore.class).transcript(runId))
                .filteredOn(entry -> entry.role() == TranscriptRole.TOOL_RESULT).singleElement()
                .satisfies(entry -> assertThat(entry.content()).endsWith(": eu-west-1"));
    }

    @Test
    void aDirectMessageStartsARunThreadedUnderItAndARepliesInItsThreadContinueIt() throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("ask_human", "{\"question\":\"Which service?\"}"),
                new FakeOpenAi.Text("payments-api is fine."));
        String messageTs = nextTs();

        deliver(SlackEvents.message("U1", "D1", "im", messageTs, null, "is it healthy?"));

        Run waiting = app.awaitStatus(runIn("D1", messageTs).id(), RunStatus.WAITING_FOR_REPLY);
        assertThat(waiting.origin()).isEqualTo(RunOrigin.DIRECT_MESSAGE);
        assertThat(app.threadTexts(waiting)).anySatisfy(text -> assertThat(text).contains("Which service?"));

        deliver(SlackEvents.message("U1", "D1", "im", nextTs(), messageTs, "payments"));

        Run done = app.awaitStatus(waiting.id(), RunStatus.SUCCEEDED);
        assertThat(done.finalAnswer()).isEqualTo("payments-api is fine.");
        assertThat(app.runs()).filteredOn(run -> "D1".equals(run.channelId())
                && messageTs.equals(run.threadTs())).hasSize(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(app.slack.threadTexts("D1", messageTs))
                .contains("payments-api is fine."));
    }

    @Test
    void aMessageAfterTheAnswerStartsAFollowUpThatKnowsTheEarlierExchange() throws Exception {
        app.model.then(new FakeOpenAi.Text("The deploy finished at 10:02."), new FakeOpenAi.Text("It was v42."));
        String messageTs = nextTs();
        deliver(SlackEvents.message("U1", "D1", "im", messageTs, null, "when did the deploy finish?"));
        Run first = app.awaitStatus(runIn("D1", messageTs).id(), RunStatus.SUCCEEDED);

        deliver(SlackEvents.message("U1", "D1", "im", nextTs(), messageTs, "which version?"));

        Run followUp = await().atMost(WAIT).until(() -> app.runs().stream().filter(run -> "D1".equals(
                run.channelId()) && messageTs.equals(run.threadTs()) && !run.id().equals(first.id())).findFirst()
                .orElse(null), run -> run != null && run.status() == RunStatus.SUCCEEDED);
        assertThat(followUp.origin()).isEqualTo(RunOrigin.DIRECT_MESSAGE);
        assertThat(followUp.task()).isEqualTo("which version?");
        String systemPrompt = app.model.requests().get(1).path("messages").get(0).path("content").asText();
        assertThat(systemPrompt).contains("when did the deploy finish?", "The deploy finished at 10:02.");
    }

    @Test
    void botsMessagesEditsDeletionsAndJoinsStartNothing() throws Exception {
        int runsBefore = app.runs().size();
        String ts = nextTs();
        ObjectNode botDm = SlackEvents.message("UB1", "D1", "im", nextTs(), null, "I am a bot");
        SlackEvents.event(botDm).put("bot_id", "B1");
        ObjectNode ownDm = SlackEvents.message("UALFRED", "D1", "im", nextTs(), null, "Alfred's own words");
        SlackEvents.event(ownDm).put("bot_id", "BALFRED");
        ObjectNode edit = SlackEvents.message("U1", "D1", "im", nextTs(), null, "edited");
        SlackEvents.event(edit).put("subtype", "message_changed");
        ObjectNode deletion = SlackEvents.message("U1", "D1", "im", nextTs(), null, "deleted");
        SlackEvents.event(deletion).put("subtype", "message_deleted");
        ObjectNode join = SlackEvents.message("U1", "C1", "channel", nextTs(), null, "<@U1> has joined the channel");
        SlackEvents.event(join).put("subtype", "channel_join");
        ObjectNode botMention = SlackEvents.mention("UB1", "C1", nextTs(), null, ALFRED + " do as I say");
        SlackEvents.event(botMention).put("bot_id", "B1");
        ObjectNode editedMention = SlackEvents.mention("U1", "C1", ts, null, ALFRED + " edited request");
        SlackEvents.event(editedMention).putObject("edited").put("user", "U1").put("ts", nextTs());

        for (ObjectNode delivery : List.of(botDm, ownDm, edit, deletion, join, botMention, editedMention)) {
            assertThat(deliver(delivery).statusCode()).isEqualTo(200);
        }

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> app.runs().size() == runsBefore);
        assertThat(app.model.requests()).isEmpty();
    }

    @Test
    void aMentionNamingNoKnownAgentGetsAnEphemeralAnswerAndStartsNothing() throws Exception {
        int runsBefore = app.runs().size();
        String ts = nextTs();

        deliver(SlackEvents.mention("U1", "C1", ts, null, ALFRED + " @nobody fix it"));

        LocalSlack.Call answer = await().atMost(WAIT).until(() -> app.slack.calls("chat.postEphemeral").stream()
                .filter(call -> ts.equals(call.arg("thread_ts"))).findFirst().orElse(null), call -> call != null);
        assertThat(answer.arg("user")).isEqualTo("U1");
        assertThat(answer.arg("text")).contains("I have no agent called `nobody`");
        assertThat(app.runs()).hasSize(runsBefore);
    }

    private HttpResponse<String> deliver(ObjectNode payload) throws Exception {
        HttpResponse<String> response = app.requests.json(payload.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private Run runIn(String channelId, String threadTs) {
        return await().atMost(WAIT).until(() -> app.runs().stream().filter(run -> channelId.equals(run.channelId())
                && threadTs.equals(run.threadTs())).findFirst().orElse(null), run -> run != null);
    }
}
