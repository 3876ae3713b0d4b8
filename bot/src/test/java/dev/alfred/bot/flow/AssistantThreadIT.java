package dev.alfred.bot.flow;

import static dev.alfred.bot.support.SlackEvents.nextTs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunOrigin;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.slack.blocks.SlackText;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.SlackEvents;
import dev.alfred.bot.support.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Slack's AI-assistant container and streamed answers, on H2, through signed Events API deliveries and the fake
 * Slack's {@code assistant.threads.*} and {@code chat.*Stream} methods: a new thread gets suggested prompts; a
 * message in it starts a run that sets the thread's title and status and streams its answer; a long answer is
 * streamed as several messages; a stream that cannot start, or fails midway, falls back to a plain post without
 * losing or doubling text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssistantThreadIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    AlfredTestApp app;

    @BeforeAll
    void startAlfred() throws Exception {
        app = AlfredTestApp.start(TestDatabase.h2(), Map.of());
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
    void aNewAssistantThreadGetsSuggestedPrompts() throws Exception {
        String threadTs = nextTs();

        deliver(SlackEvents.assistantThreadStarted("U1", "D1", threadTs));

        LocalSlack.Call prompts = await().atMost(WAIT).until(() -> app.slack.calls(
                "assistant.threads.setSuggestedPrompts").stream().filter(call -> threadTs.equals(call.arg("thread_ts")))
                .findFirst().orElse(null), call -> call != null);
        assertThat(prompts.arg("channel_id")).isEqualTo("D1");
        assertThat(JSON.readTree(prompts.arg("prompts")).findValuesAsText("title")).hasSizeBetween(1, 4)
                .contains("What can you do?");
        assertThat(app.runs()).noneMatch(run -> threadTs.equals(run.threadTs()));
    }

    @Test
    void aMessageInTheThreadStartsARunThatSetsTitleAndStatusAndStreamsItsAnswer() throws Exception {
        app.model.then(new FakeOpenAi.Text("payments-api is **healthy** & fast."));
        String threadTs = nextTs();

        deliver(SlackEvents.message("U1", "D1", "im", nextTs(), threadTs, "Is payments healthy?\nThanks"));

        Run run = app.awaitStatus(runIn("D1", threadTs).id(), RunStatus.SUCCEEDED);
        assertThat(run.origin()).isEqualTo(RunOrigin.ASSISTANT_THREAD);
        String escaped = SlackText.escape("payments-api is **healthy** & fast.");
        app.awaitDelivered(run.id());
        assertThat(app.slack.threadTexts("D1", threadTs)).contains(escaped);
        assertThat(calls("assistant.threads.setTitle", threadTs)).singleElement()
                .satisfies(call -> assertThat(call.arg("title")).isEqualTo("Is payments healthy?"));
        assertThat(calls("assistant.threads.setStatus", threadTs)).isNotEmpty()
                .allSatisfy(call -> assertThat(call.arg("status")).startsWith("is ").endsWith("…"));
        assertThat(calls("chat.startStream", threadTs)).singleElement()
                .satisfies(call -> assertThat(call.arg("markdown_text")).isEqualTo(escaped));
        assertThat(app.slack.calls("chat.stopStream")).anyMatch(call -> call.arg("ts").equals(
                calls("chat.startStream", threadTs).get(0).ts()));
        assertThat(app.slack.threadReplies(threadTs)).noneMatch(call -> call.arg("text").contains("payments-api"));
    }

    @Test
    void aLongAnswerIsStreamedAsSeveralMessagesWithEveryWordOnce() throws Exception {
        String answer = words(2_500);
        app.model.then(new FakeOpenAi.Text(answer));
        String messageTs = nextTs();

        deliver(SlackEvents.message("U1", "D2", "im", messageTs, null, "write a long report"));

        Run run = app.awaitStatus(runIn("D2", messageTs).id(), RunStatus.SUCCEEDED);
        assertThat(run.origin()).isEqualTo(RunOrigin.DIRECT_MESSAGE);
        app.awaitDelivered(run.id());
        List<String> answerMessages = answerMessages("D2", messageTs);
        assertThat(answerMessages).hasSizeGreaterThan(1)
                .allSatisfy(message -> assertThat(message.length()).isLessThanOrEqualTo(SlackText.MAX_MESSAGE_CHARS));
        assertEveryWordOnce(answerMessages, 2_500);
        assertThat(app.slack.calls("chat.appendStream")).isNotEmpty();
    }

    @Test
    void aStreamThatCannotStartIsPostedWholeInstead() throws Exception {
        app.model.then(new FakeOpenAi.Text("posted, not streamed"));
        app.slack.failNext("chat.startStream", "channel_type_not_supported", 1);
        String messageTs = nextTs();

        deliver(SlackEvents.message("U1", "D3", "im", messageTs, null, "say something"));

        app.awaitDelivered(app.awaitStatus(runIn("D3", messageTs).id(), RunStatus.SUCCEEDED).id());
        assertThat(app.slack.threadReplies(messageTs)).filteredOn(call -> call.arg("text")
                .contains("posted, not streamed")).hasSize(1);
        assertThat(answerMessages("D3", messageTs)).containsExactly("posted, not streamed");
    }

    @Test
    void aStreamThatFailsMidwayPostsOnlyWhatWasNotShown() throws Exception {
        String answer = words(400);
        app.model.then(new FakeOpenAi.Text(answer));
        app.slack.failNext("chat.appendStream", "internal_error", 1);
        String messageTs = nextTs();

        deliver(SlackEvents.message("U1", "D4", "im", messageTs, null, "write a medium report"));

        app.awaitDelivered(app.awaitStatus(runIn("D4", messageTs).id(), RunStatus.SUCCEEDED).id());
        List<String> answerMessages = answerMessages("D4", messageTs);
        assertThat(String.join("", answerMessages)).isEqualTo(answer);
        assertEveryWordOnce(answerMessages, 400);
    }

    private void deliver(com.fasterxml.jackson.databind.node.ObjectNode payload) throws Exception {
        assertThat(app.requests.json(payload.toString()).statusCode()).isEqualTo(200);
    }

    private Run runIn(String channelId, String threadTs) {
        return await().atMost(WAIT).until(() -> app.runs().stream().filter(run -> channelId.equals(run.channelId())
                && threadTs.equals(run.threadTs())).findFirst().orElse(null), run -> run != null);
    }

    /** @return the calls of {@code method} in the thread ({@code thread_ts}) */
    private List<LocalSlack.Call> calls(String method, String threadTs) {
        return app.slack.calls(method).stream().filter(call -> threadTs.equals(call.arg("thread_ts"))).toList();
    }

    /** @return what people see of Alfred's messages in the thread, but the status message */
    private List<String> answerMessages(String channelId, String threadTs) {
        return app.slack.threadTexts(channelId, threadTs).stream().filter(text -> !text.contains("Step ")).toList();
    }

    private static String words(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> String.format("w%04d", i))
                .collect(Collectors.joining(" "));
    }

    private static void assertEveryWordOnce(List<String> messages, int count) {
        String all = String.join(" ", messages);
        IntStream.rangeClosed(1, count).forEach(i -> assertThat(all.split(String.format("w%04d", i), -1))
                .as("w%04d appears once", i).hasSize(2));
    }
}
