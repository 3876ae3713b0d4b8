package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.TestDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alfred starts without a model; a task then fails in its thread, naming the variables to set. */
class NoModelConfiguredIT {

    @Test
    void taskFailsInItsThreadNamingTheVariablesToSet() throws Exception {
        Map<String, Object> noModel = new HashMap<>();
        noModel.put("alfred.model.base-url", null);
        try (AlfredTestApp app = AlfredTestApp.start(TestDatabase.h2(), noModel)) {
            String runId = TaskFlowIT.runIdFrom(app.requests.command("task anything").body());

            Run run = await().atMost(Duration.ofSeconds(30)).until(() -> app.run(runId),
                    r -> r.status().isTerminal());

            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(app.slack.threadReplies(run.threadTs())).extracting(call -> call.arg("text"))
                            .anySatisfy(text -> assertThat(text).contains("OPENAI_BASE_URL", "OPENAI_API_KEY",
                                    "ALFRED_MODEL")));
            assertThat(app.model.requests()).isEmpty();
        }
    }
}
