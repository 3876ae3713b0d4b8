package dev.alfred.bot.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import dev.alfred.agents.tools.ToolArguments;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.slack.web.SlackWeb;
import dev.alfred.bot.slack.blocks.ThreadMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code slack_read_thread} against the Slack stand-in, through the same {@link SlackWeb} the application uses. */
class SlackReadThreadToolTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalSlack slack;
    private SlackWeb web;
    private SlackReadThreadTool tool;
    private String threadTs;

    @BeforeEach
    void start() throws Exception {
        slack = LocalSlack.start();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.apiUrl());
        config.setStatsEnabled(false);
        MethodsClient methods = Slack.getInstance(config).methods("xoxb-test");
        web = new SlackWeb(() -> methods, new SimpleMeterRegistry());
        tool = new SlackReadThreadTool(web);
        threadTs = web.post("C1", null, new ThreadMessage("<@U1> asked me to: check payments", List.of()));
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void withoutArgumentsItReadsTheRunsOwnThreadOldestFirst() throws Exception {
        String step = web.post("C1", threadTs, new ThreadMessage("Step 1/30: thinking", List.of()));
        String reply = slack.personPosted("C1", threadTs, "U2", "payments is in eu-west-1");

        ToolResult result = tool.execute(args("{}"), context());

        assertThat(result.error()).isFalse();
        assertThat(result.content()).isEqualTo("Thread " + threadTs + " in C1, oldest first:\n"
                + "UALFRED (" + threadTs + "): <@U1> asked me to: check payments\n"
                + "UALFRED (" + step + "): Step 1/30: thinking\n"
                + "U2 (" + reply + "): payments is in eu-west-1");
        assertThat(slack.calls("conversations.replies")).singleElement().satisfies(call -> {
            assertThat(call.arg("channel")).isEqualTo("C1");
            assertThat(call.arg("ts")).isEqualTo(threadTs);
            assertThat(call.arg("limit")).isEqualTo(String.valueOf(SlackReadThreadTool.DEFAULT_LIMIT));
        });
    }

    @Test
    void aLongThreadIsCutAtTheLimitWithANote() throws Exception {
        for (int i = 1; i <= 5; i++) {
            slack.personPosted("C1", threadTs, "U2", "reply " + i);
        }

        ToolResult result = tool.execute(args("{\"limit\":3}"), context());

        assertThat(result.content().lines().toList()).hasSize(5).last().asString()
                .isEqualTo("[cut: the thread has more messages after these 3; only the first 3 were read]");
        assertThat(result.content()).contains("reply 2").doesNotContain("reply 3");
    }

    @Test
    void anotherThreadIsReadWhenNamed() throws Exception {
        String other = web.post("C2", null, new ThreadMessage("other root", List.of()));
        slack.personPosted("C2", other, "U3", "hello from C2");

        ToolResult result = tool.execute(args("{\"channel\":\"C2\",\"thread_ts\":\"" + other + "\"}"), context());

        assertThat(result.content()).startsWith("Thread " + other + " in C2").contains("U3 (", "hello from C2")
                .doesNotContain("check payments");
    }

    @Test
    void anotherChannelWithoutAThreadIsRefusedBeforeAskingSlack() throws Exception {
        ToolResult result = tool.execute(args("{\"channel\":\"C2\"}"), context());

        assertThat(result.error()).isTrue();
        assertThat(result.content()).contains("thread_ts is needed");
        assertThat(slack.calls("conversations.replies")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "channel_not_found | Slack knows no channel C1 that Alfred can see (channel_not_found)",
        "not_in_channel    | Alfred is not a member of C1; someone must invite it",
        "thread_not_found  | there is no thread",
        "missing_scope     | channels:history",
    })
    void slackRefusalsBecomeClearToolErrors(String error, String expected) throws Exception {
        slack.failNext("conversations.replies", error, 1);

        ToolResult result = tool.execute(args("{}"), context());

        assertThat(result.error()).isTrue();
        assertThat(result.content()).startsWith("ERROR: ").contains(expected);
    }

    @Test
    void anUnknownThreadIsThreadNotFound() throws Exception {
        ToolResult result = tool.execute(args("{\"thread_ts\":\"1.000001\"}"), context());

        assertThat(result.content()).contains("there is no thread 1.000001 in C1 (thread_not_found)");
    }

    @Test
    void argumentsAreOptionalAndTyped() throws Exception {
        assertThat(ToolArguments.problems(tool, args("{}"))).isEmpty();
        assertThat(ToolArguments.problems(tool, args("{\"limit\":\"ten\"}"))).isNotEmpty();
        assertThat(tool.tier().wireName()).isEqualTo("read");
    }

    private static JsonNode args(String json) throws Exception {
        return JSON.readTree(json);
    }

    private ToolContext context() {
        return new ToolContext("run1", "alfred", "call_1", "C1", threadTs, null);
    }
}
