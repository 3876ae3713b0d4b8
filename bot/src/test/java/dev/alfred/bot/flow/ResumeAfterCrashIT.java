package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.Step;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The job dies right after step 1 (a model turn asking for a tool) is committed. JobRunr retries the job, and the
 * run resumes at step 2: the model is called twice in all, not three times, and no step number repeats.
 */
class ResumeAfterCrashIT {

    @Test
    void retryResumesAtTheStepAfterTheLastCommittedOne() throws Exception {
        try (AlfredTestApp app = AlfredTestApp.start(TestDatabase.h2(), Map.of("alfred.test.crash-after-step", 1))) {
            app.model.then(new FakeOpenAi.ToolCall("http_get", "{\"url\":\"" + app.slack.statusPageUrl() + "\"}"),
                    new FakeOpenAi.Text("resumed and finished"));

            String runId = TaskFlowIT.runIdFrom(app.requests.command("task survive a crash").body());

            Run run = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> app.run(runId), r -> r.status().isTerminal());
            assertThat(app.context.getBean(CrashAfterStep.class).hasCrashed()).isTrue();
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run.finalAnswer()).isEqualTo("resumed and finished");
            assertThat(app.model.requests()).hasSize(2);
            List<Step> steps = app.context.getBean(RunStore.class).steps(runId);
            assertThat(steps).extracting(Step::stepNo).containsExactly(1, 2, 3);
            assertThat(steps).extracting(Step::attempt).containsOnly(1);
        }
    }
}
