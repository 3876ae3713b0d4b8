package dev.alfred.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyFilesTest {

    @ParameterizedTest(name = "line {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "rules:\\n  - id: a\\n    decison: allow                                    | 3 | unknown key 'decison'",
        "rules:\\n  - id: a\\n    decision: maybe                                   | 3 | unknown decision 'maybe'",
        "rules:\\n  - id: a\\n    decision: allow\\n    match: {tier: [read, risky]} | 4 | unknown risk tier 'risky'",
        "rules:\\n  - id: Bad Id\\n    decision: allow                               | 2 | needs an id",
        "rules:\\n  - id: a\\n    decision: allow\\n    reason: because             | 2 | reason belongs only to deny",
        "rules:\\n  - id: a\\n    decision: deny\\n    approvers: {users: [U1]}    | 2 | approvers and approval belong only",
        "defaults:\\n  approval: {ttl: soon}                                        | 2 | 'soon' is not a duration",
        "defaults:\\n  approval: {ttl: 1h, remind-at: 2}                            | 2 | strictly between 0 and 1",
        "defaults:\\n  thread-input: anyone                                         | 2 | unknown thread-input 'anyone': expected requester or channel",
        "defaults:\\n  thread_input: channel                                        | 2 | unknown key 'thread_input'",
        "rules:\\n  - id: a\\n    decision: allow\\n    match: {args: {n: {}}}      | 4 | at least one of eq",
        "rules:\\n  - id: a\\n    decision: allow\\n  - id: a\\n    decision: deny  | 0 | rule id 'a' is already used",
        "rules:\\n  - id: a\\n    id: b\\n    decision: allow                      | 3 | Duplicate field 'id'",
        "rules: [\\n  - broken                                                     | 2 | not valid YAML",
        "version: 2                                                                  | 1 | unsupported version 2",
        "commands:\\n  deploy: {users: [U1]}                                        | 2 | unknown key 'deploy'",
        "commands:\\n  task: {users: [alice]}                                       | 2 | 'alice' is not a Slack user id",
        "rules:\\n  - id: a\\n    decision: allow\\n    match: {channel: general}   | 4 | 'general' is not a Slack channel id",
        "rules:\\n  - id: a\\n    decision: deny\\n    match:\\n      args:\\n        url: {nothost: [a.example]} | 6 | unknown key 'nothost' (expected one of: eq, ge, gt, host, in, le, lt, not-host, not-in, prefix)",
    })
    void invalidFilesNameTheFileTheLineAndTheReason(String text, int line, String reason) {
        var source = new PolicyFiles.Source("ops.yml", text.replace("\\n", "\n"));

        assertThatThrownBy(() -> PolicyFiles.load(List.of(source)))
                .isInstanceOfSatisfying(PolicyFileException.class, e -> {
                    assertThat(e.file()).isEqualTo("ops.yml");
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.getMessage()).startsWith("ops.yml").contains(reason);
                });
    }

    @Test
    void filesCombineInOrderAndCommandsMayBeDefinedOnce() {
        var first = new PolicyFiles.Source("10-first.yml", "commands: {task: {users: [U1]}}\nrules:\n"
                + "  - {id: first, decision: deny, match: {tool: t}}\n");
        var second = new PolicyFiles.Source("20-second.yml", "rules:\n  - {id: second, decision: allow}\n");
        var again = new PolicyFiles.Source("30-again.yml", "commands: {}\n");

        PolicyBook book = PolicyFiles.load(List.of(first, second));

        assertThat(book.size()).isEqualTo(2);
        assertThat(book.evaluate(new ToolCallRequest("t", RiskTier.READ, "a", "C", "U"), Instant.EPOCH).ruleId())
                .isEqualTo("first");
        assertThat(book.evaluate(new ToolCallRequest("u", RiskTier.READ, "a", "C", "U"), Instant.EPOCH).ruleId())
                .isEqualTo("second");
        assertThatThrownBy(() -> PolicyFiles.load(List.of(first, again)))
                .hasMessageContaining("30-again.yml").hasMessageContaining("already defined in 10-first.yml");
    }

    @Test
    void theShippedDefaultLoadsAndGatesByTier() {
        PolicyBook book = PolicyFiles.load(List.of(PolicyFiles.shippedDefault()));

        assertThat(book.evaluate(new ToolCallRequest("http_get", RiskTier.READ, "alfred", "C", "U"), Instant.EPOCH))
                .isEqualTo(new PolicyDecision.Allow("read-allow"));
        assertThat(book.evaluate(new ToolCallRequest("slack_post_message", RiskTier.WRITE, "alfred", "C", "U"),
                Instant.EPOCH).ruleId()).isEqualTo("write-requester-approval");
        assertThat(book.evaluate(new ToolCallRequest("x", RiskTier.DESTRUCTIVE, "alfred", "C", "U"), Instant.EPOCH)
                .ruleId()).isEqualTo("destructive-four-eyes");
        var metadata = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("url", "http://169.254.169.254/latest/meta-data/");
        assertThat(book.evaluate(new ToolCallRequest("http_get", RiskTier.READ, "alfred", "C", "U", metadata),
                Instant.EPOCH)).isInstanceOf(PolicyDecision.Deny.class);
    }

    @ParameterizedTest(name = "{0} by {1} to {2} → {3} by {4}")
    @CsvSource(delimiter = '|', value = {
        "http_get     | oracle | https://status.example.com/api      | allow            | read-allow",
        "http_get     | oracle | https://db.ops.example.com/health   | allow            | read-allow",
        "http_get     | oracle | https://evil.example/               | deny             | oracle-http-allow-list",
        "http_get     | oracle | http://169.254.169.254/latest/       | deny             | http-get-cloud-metadata-deny",
        "http_get     | alfred | https://evil.example/               | allow            | read-allow",
        "http_request | oracle | https://status.example.com/incident | require_approval | write-requester-approval",
        "http_request | oracle | https://evil.example/hook           | deny             | oracle-http-allow-list",
        "http_request | alfred | http://169.254.169.254/latest/       | deny             | http-get-cloud-metadata-deny",
    })
    void theShippedAllowListExampleWorksOnceUncommented(String tool, String agent, String url, String decision,
            String rule) {
        String shipped = PolicyFiles.shippedDefault().text();
        String commented = shipped.lines().dropWhile(line -> !line.contains("# - id: oracle-http-allow-list"))
                .takeWhile(line -> line.startsWith("  # ")).collect(Collectors.joining("\n"));
        String example = commented.lines().map(line -> "  " + line.substring(4)).collect(Collectors.joining("\n"));
        assertThat(example).contains("agent: oracle", "not-host", "decision: deny");
        PolicyBook book = PolicyFiles.load(List.of(new PolicyFiles.Source("default.yml",
                shipped.replace(commented, example))));
        var arguments = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("url", url);
        RiskTier tier = tool.equals("http_get") ? RiskTier.READ : RiskTier.WRITE;

        PolicyDecision result = book.evaluate(new ToolCallRequest(tool, tier, agent, "C", "U", arguments),
                Instant.EPOCH);

        assertThat(result.wireName()).isEqualTo(decision);
        assertThat(result.ruleId()).isEqualTo(rule);
    }

    @ParameterizedTest(name = "{0} by {1} in {2} (groups {3}) → {4}")
    @CsvSource(delimiter = '|', value = {
        "task   | U1 | C1 | -  | allowed",
        "task   | U2 | C1 | S9 | allowed",
        "task   | U2 | C1 | -  | not allowed to use `/alfred task`",
        "task   | U1 | C2 | -  | not enabled in this channel",
        "pause  | U1 | C1 | -  | not allowed to use `/alfred pause`",
        "cancel | U3 | C2 | -  | allowed",
        "audit  | U2 | C1 | -  | allowed",
        "status | U2 | C2 | -  | allowed",
    })
    void commandAccessFollowsTheCommandsBlock(String command, String user, String channel, String groups,
            String expected) {
        PolicyBook book = PolicyFiles.load(List.of(new PolicyFiles.Source("c.yml", """
                commands:
                  task: {users: [U1], groups: [S9], channels: [C1]}
                  control: {users: [U3]}
                """)));

        var refusal = book.commandRefusal(command, user, channel, groups.equals("-") ? List.of() : List.of(groups),
                SlackMentions.SLACK);

        if (expected.equals("allowed")) {
            assertThat(refusal).isEmpty();
        } else {
            assertThat(refusal).get().asString().contains(expected);
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {"'' | REQUESTER", "thread-input: requester | REQUESTER",
        "thread-input: channel | CHANNEL", "thread-input: Channel | CHANNEL"})
    void threadInputIsReadFromTheDefaultsAndIsRequesterWhenUnset(String line, ThreadInput expected) {
        String text = "defaults:\n  approval: {remind-at: 0.5}\n" + (line.isEmpty() ? "" : "  " + line + "\n");

        assertThat(PolicyFiles.load(List.of(new PolicyFiles.Source("p.yml", text))).threadInput()).isEqualTo(expected);
        assertThat(PolicyFiles.load(List.of(PolicyFiles.shippedDefault())).threadInput())
                .isEqualTo(ThreadInput.REQUESTER);
    }
}
