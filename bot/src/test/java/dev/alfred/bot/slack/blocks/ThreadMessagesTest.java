package dev.alfred.bot.slack.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.report.RunProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadMessagesTest {
    private static final Gson GSON = new Gson();

    private static Run run(String task) {
        return run(task, "slash_command");
    }

    private static Run run(String task, String origin) {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        return new Run("k3v9x2qa", "alfred", task, RunStatus.RUNNING, "T1", "C1", "1700000000.000100", null, "U1",
                2, 30, null, null, null, null, t, t, t, null, java.math.BigDecimal.ZERO, null, java.math.BigDecimal.ZERO,
                null, null, null, null, origin);
    }

    @Test
    void rootMessagesOfRunsNobodyTypedSayWhereTheyCameFromAndOnWhoseBehalf() {
        ThreadMessage scheduled = ThreadMessages.root(run("check <!channel>", "schedule:s4bc7d2e"));
        ThreadMessage github = ThreadMessages.root(run("Implement issue", "webhook:github"));
        ThreadMessage alert = ThreadMessages.root(run("Triage", "webhook:alerts"));

        assertThat(scheduled.text()).isEqualTo(":alarm_clock: Scheduled: check &lt;!channel&gt; (schedule `s4bc7d2e`)");
        assertThat(GSON.toJson(scheduled.blocks())).contains("on behalf of \\u003c@U1\\u003e");
        assertThat(github.text()).isEqualTo(":zap: From GitHub: Implement issue");
        assertThat(alert.text()).isEqualTo(":zap: From webhook `alerts`: Triage");
    }

    @Test
    void rootMessageMentionsTheRequesterAndEscapesTheTask() {
        ThreadMessage root = ThreadMessages.root(run("deploy <!here> & tell <@U9>"));

        assertThat(root.text()).isEqualTo("<@U1> asked me to: deploy &lt;!here&gt; &amp; tell &lt;@U9&gt;");
        assertThat(GSON.toJson(root.blocks())).isEqualTo("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\","
                + "\"text\":\"\\u003c@U1\\u003e asked me to: deploy \\u0026lt;!here\\u0026gt; \\u0026amp; tell "
                + "\\u0026lt;@U9\\u0026gt;\"}},{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":"
                + "\"Run `k3v9x2qa` · agent *alfred* · I\\u0027ll work in this thread.\"}]}]");
    }

    @Test
    void statusMessageShowsStepActivityAndElapsedTime() {
        ThreadMessage status = ThreadMessages.status(run("t"),
                new RunProgress(3, 30, "calling http_get", Duration.ofSeconds(75), false));

        assertThat(status.text()).isEqualTo(":hourglass_flowing_sand: Step 3/30 · calling http_get · 1:15 elapsed");
        assertThat(GSON.toJson(status.blocks())).isEqualTo("[{\"type\":\"context\",\"elements\":[{\"type\":"
                + "\"mrkdwn\",\"text\":\":hourglass_flowing_sand: Step 3/30 · calling http_get · 1:15 elapsed\"}]}]");
    }

    @Test
    void finishedStatusShowsTheOutcome() {
        assertThat(ThreadMessages.status(run("t"), new RunProgress(4, 30, "done", Duration.ofHours(2), true)).text())
                .startsWith(":white_check_mark:").endsWith("2:00:00 elapsed");
        assertThat(ThreadMessages.status(run("t"), new RunProgress(4, 30, "failed", Duration.ZERO, true)).text())
                .startsWith(":x:");
    }

    @Test
    void finalAnswerIsSplitAndMentionsTheRequesterFirst() {
        List<ThreadMessage> parts = ThreadMessages.finalAnswer(run("t"), "line\n".repeat(2_000));

        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).text()).startsWith("<@U1> here is my answer:\nline");
        assertThat(parts).allSatisfy(part -> assertThat(part.text().length())
                .isLessThanOrEqualTo(SlackText.MAX_MESSAGE_CHARS));
    }

    @Test
    void failureNamesTheRunAndTheEscapedReason() {
        assertThat(ThreadMessages.failure(run("t"), "HTTP 401 <nope>").text())
                .isEqualTo(":x: <@U1> run `k3v9x2qa` failed: HTTP 401 &lt;nope&gt;");
    }
}
