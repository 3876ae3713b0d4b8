package dev.alfred.bot.slack.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunControlsTest {
    private static final Gson GSON = com.slack.api.util.json.GsonFactory.createSnakeCase();

    @Test
    void theStopButtonFollowsTheStatusLineAndCarriesTheRunIdAsSlackReceivesIt() {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        Run run = new Run("k3v9x2qa", "alfred", "t", RunStatus.RUNNING, "T1", "C1", "1700000000.000100", null, "U1",
                2, 30, null, null, null, null, t, t, t, null, BigDecimal.ZERO, null, BigDecimal.ZERO, null, null,
                null, null);
        ThreadMessage status = new ThreadMessage("Step 3/30", List.of());

        ThreadMessage live = RunControls.withStop(status, run);

        assertThat(live.text()).isEqualTo("Step 3/30");
        assertThat(GSON.toJson(live.blocks())).isEqualTo("[{\"type\":\"actions\",\"elements\":[{\"type\":\"button\","
                + "\"text\":{\"type\":\"plain_text\",\"text\":\"Stop\"},\"action_id\":\"run.stop\",\"value\":"
                + "\"k3v9x2qa\",\"style\":\"danger\",\"confirm\":{\"title\":{\"type\":\"plain_text\",\"text\":"
                + "\"Stop this run?\"},\"text\":{\"type\":\"plain_text\",\"text\":\"Run k3v9x2qa ends now: a step "
                + "under way may finish, nothing after it runs, and its pending approvals are withdrawn.\"},"
                + "\"confirm\":{\"type\":\"plain_text\",\"text\":\"Stop the run\"},\"deny\":{\"type\":\"plain_text\","
                + "\"text\":\"Keep it going\"},\"style\":\"danger\"}}],\"block_id\":\"run.controls\"}]");
    }

    @Test
    void aCancelledRunsStatusShowsAStopSign() {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        Run run = new Run("k3v9x2qa", "alfred", "t", RunStatus.CANCELLED, "T1", "C1", "1700000000.000100", null,
                "U1", 2, 30, null, null, null, null, t, t, t, null, BigDecimal.ZERO, null, BigDecimal.ZERO, null, null,
                null, null);

        assertThat(ThreadMessages.status(run, new dev.alfred.agents.report.RunProgress(2, 30, "cancelled",
                java.time.Duration.ZERO, true)).text()).startsWith(":stop_sign:");
    }
}
