package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alfred.bot.demo.DemoCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's first command: {@code ./alfred demo "<task>"} runs a whole task offline and ends with the answer. */
class DemoIT {

    @Test
    void demoRunsATaskOfflineAndEndsWithTheFinalAnswer() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        int status = new DemoCommand(out, Map.of()).run(List.of("Is the payments API healthy?"));

        String output = buffer.toString(StandardCharsets.UTF_8);
        assertThat(status).as(output).isZero();
        assertThat(output).contains("offline demo model", "#demo  Alfred: @you asked me to: Is the payments API",
                ":question: @you Before I start", "You: Yes, please post a short summary here.", "I fetched http",
                "wants to call `slack_post_message` (risk: *write*)", "You clicked: Approve",
                ":white_check_mark: Approved by @you", "#demo  Alfred: Status check for");
        List<String> lines = output.strip().lines().toList();
        int finalAnswer = lines.indexOf("Final answer:");
        assertThat(finalAnswer).as(output).isPositive();
        assertThat(String.join("\n", lines.subList(finalAnswer + 1, lines.size())))
                .contains("payments-api", "degraded", "You said:", "Posted in CDEMO");
    }

    @Test
    void theCodeExampleFixesAFailingTestAndPushesABranchAfterApproval() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        int status = new DemoCommand(out, Map.of()).run(List.of("--yes", "--example", "code"));

        String output = buffer.toString(StandardCharsets.UTF_8);
        assertThat(status).as(output).isZero();
        assertThat(output).contains("Demo repository demo/widgets (a failing test)",
                "wants to call `workspace_push` (risk: *write*)", "*What it does:*", "1 file changed, +1 -1",
                "+echo \"Hello, world\"", "You clicked: Approve", "Final answer:", "Exit code 1",
                "It printed: FAIL: expected", "It printed: ok", "Pushed alfred/")
                .containsPattern("Branches of demo/widgets now: alfred/[a-z0-9]+, main");
    }

    @Test
    void demoWithoutATaskPrintsUsage() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        int status = new DemoCommand(new PrintStream(buffer, true, StandardCharsets.UTF_8), Map.of()).run(List.of());

        assertThat(status).isEqualTo(2);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("usage: ./alfred demo");
    }
}
