package dev.alfred.policies;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyBookTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String POLICY = """
            version: 1
            defaults:
              approval: {ttl: 2h, remind-at: 0.25}
            rules:
              - id: metadata-deny
                match: {tool: http_get, args: {url: {host: ["169.254.*", "*.internal"]}}}
                decision: deny
                reason: no metadata
              - id: oracle-allow-list
                match:
                  tool: [http_get, http_request]
                  agent: oracle
                  args: {url: {not-host: ["status.example.com", "*.ops.example.com"]}}
                decision: deny
                reason: not on oracle's list
              - id: small-pr-auto
                match: {tool: github_create_pull_request, args: {changed_lines: {lt: 50}}}
                decision: allow
              - id: ops-channel-posts
                match: {tool: slack_post_message, channel: C0OPS, args: {channel: {in: [C0OPS, C0ALERTS]}}}
                decision: allow
              - id: docs-prefix
                match: {tool: "github_*", args: {path: {prefix: "docs/"}}}
                decision: allow
              - id: deploy-two-person
                match: {tool: deploy_*, agent: [ops]}
                decision: require_approval
                approvers: {groups: [S0SRE], count: 2}
                approval: {ttl: 30m}
              - id: careless-destructive
                match: {tool: drop_database}
                decision: allow
              - id: intern-deny
                match: {requester: U0INTERN, tier: [write, destructive]}
                decision: deny
              - id: reads
                match: {tier: read}
                decision: allow
              - id: writes
                match: {tier: write}
                decision: require_approval
            """;
    private final PolicyBook book = PolicyFiles.load(List.of(new PolicyFiles.Source("test.yml", POLICY)));

    @ParameterizedTest(name = "{0} ({1}) by {3} in {4} with {5} → {6} by {7}")
    @CsvSource(delimiter = '|', value = {
        "http_get                  | read        | alfred | U1       | C1    | {\"url\":\"http://169.254.169.254/x\"} | deny             | metadata-deny",
        "http_get                  | read        | alfred | U1       | C1    | {\"url\":\"https://db.internal/\"}     | deny             | metadata-deny",
        "http_get                  | read        | alfred | U1       | C1    | {\"url\":\"https://example.com/\"}     | allow            | reads",
        "http_get                  | read        | alfred | U1       | C1    | {}                                    | allow            | reads",
        "http_get                  | read        | oracle | U1       | C1    | {\"url\":\"https://status.example.com/api\"} | allow | reads",
        "http_get                  | read        | oracle | U1       | C1    | {\"url\":\"https://STATUS.example.com./\"} | allow  | reads",
        "http_get                  | read        | oracle | U1       | C1    | {\"url\":\"http://db.ops.example.com:8080/\"} | allow | reads",
        "http_get                  | read        | oracle | U1       | C1    | {\"url\":\"https://ops.example.com/\"}    | deny             | oracle-allow-list",
        "http_get                  | read        | oracle | U1       | C1    | {\"url\":\"https://evil.example/\"}       | deny             | oracle-allow-list",
        "http_get                  | read        | oracle | U1       | C1    | {\"url\":\"https://status.example.com@evil.example/\"} | deny | oracle-allow-list",
        "http_get                  | read        | oracle | U1       | C1    | {\"url\":\"https://status.example.com.evil.example/\"} | deny | oracle-allow-list",
        "http_get                  | read        | oracle | U1       | C1    | {\"url\":\"not a url\"}                 | deny             | oracle-allow-list",
        "http_get                  | read        | oracle | U1       | C1    | {\"url\":\"http://169.254.169.254/x\"} | deny             | metadata-deny",
        "http_get                  | read        | alfred | U1       | C1    | {\"url\":\"https://evil.example/\"}       | allow            | reads",
        "http_request              | write       | oracle | U1       | C1    | {\"url\":\"https://status.example.com/\"} | require_approval | writes",
        "http_request              | write       | oracle | U1       | C1    | {\"url\":\"https://evil.example/hook\"}   | deny             | oracle-allow-list",
        "github_create_pull_request | write      | alfred | U1       | C1    | {\"changed_lines\":12}                 | allow            | small-pr-auto",
        "github_create_pull_request | write      | alfred | U1       | C1    | {\"changed_lines\":49.5}               | allow            | small-pr-auto",
        "github_create_pull_request | write      | alfred | U1       | C1    | {\"changed_lines\":50}                 | require_approval | writes",
        "github_create_pull_request | write      | alfred | U1       | C1    | {\"changed_lines\":\"12\"}             | require_approval | writes",
        "github_create_pull_request | write      | alfred | U1       | C1    | {\"path\":\"docs/readme.md\"}          | allow            | docs-prefix",
        "github_comment            | write       | alfred | U1       | C1    | {\"path\":\"src/main.java\"}           | require_approval | writes",
        "slack_post_message        | write       | alfred | U1       | C0OPS | {\"channel\":\"C0ALERTS\"}             | allow            | ops-channel-posts",
        "slack_post_message        | write       | alfred | U1       | C0OPS | {\"channel\":\"C0GENERAL\"}            | require_approval | writes",
        "slack_post_message        | write       | alfred | U1       | C1    | {\"channel\":\"C0OPS\"}                | require_approval | writes",
        "deploy_service            | destructive | ops    | U1       | C1    | {}                                    | require_approval | deploy-two-person",
        "deploy_service            | destructive | alfred | U1       | C1    | {}                                    | require_approval | default-require-approval",
        "drop_database             | destructive | alfred | U1       | C1    | {}                                    | require_approval | destructive-floor",
        "slack_post_message        | write       | alfred | U0INTERN | C1    | {}                                    | deny             | intern-deny",
        "http_get                  | read        | alfred | U0INTERN | C1    | {}                                    | allow            | reads",
        "unknown_tool              | write       | alfred | U1       | C1    | {}                                    | require_approval | writes",
    })
    void firstMatchingRuleDecidesAndNamesItself(String tool, String tier, String agent, String user, String channel,
            String args, String decision, String rule) throws Exception {
        JsonNode arguments = JSON.readTree(args);

        PolicyDecision result = book.evaluate(new ToolCallRequest(tool, RiskTier.fromWireName(tier), agent, channel,
                user, arguments), Instant.EPOCH);

        assertThat(result.wireName()).isEqualTo(decision);
        assertThat(result.ruleId()).isEqualTo(rule);
    }

    @ParameterizedTest(name = "{0} with no rule matching → {1} by {2}")
    @CsvSource({
        "read,        allow,            default-read-allow",
        "write,       require_approval, default-require-approval",
        "destructive, require_approval, default-require-approval",
    })
    void callsNoRuleMatchesFallToTheBuiltInRules(String tier, String decision, String rule) {
        PolicyBook empty = PolicyFiles.load(List.of(new PolicyFiles.Source("empty.yml", "version: 1\n")));

        PolicyDecision result = empty.evaluate(new ToolCallRequest("t", RiskTier.fromWireName(tier), "alfred", "C1",
                "U1"), Instant.EPOCH);

        assertThat(result.wireName()).isEqualTo(decision);
        assertThat(result.ruleId()).isEqualTo(rule);
    }

    @ParameterizedTest(name = "a rule allowing {0} cannot lower the destructive floor")
    @CsvSource({"drop_database", "deploy_service"})
    void destructiveCallsAreNeverAllowedOutright(String tool) {
        PolicyBook permissive = PolicyFiles.load(List.of(new PolicyFiles.Source("p.yml", """
                rules:
                  - {id: allow-everything, decision: allow}
                """)));

        PolicyDecision result = permissive.evaluate(new ToolCallRequest(tool, RiskTier.DESTRUCTIVE, "alfred", "C1",
                "U1"), Instant.EPOCH);

        assertThat(result).isInstanceOf(PolicyDecision.RequireApproval.class);
        assertThat(result.ruleId()).isEqualTo(PolicyBook.DESTRUCTIVE_FLOOR);
        Approvers approvers = ((PolicyDecision.RequireApproval) result).approvers();
        assertThat(approvers.selfApproval()).isFalse();
        assertThat(approvers.refusal("U1", "U1", List.of(), List.of(), SlackMentions.SLACK)).isPresent();
        assertThat(approvers.refusal("U2", "U1", List.of(), List.of(), SlackMentions.SLACK)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void approvalRulesCarryTheirApproversAndWindowWithDefaultsFilledIn() {
        var deploy = (PolicyDecision.RequireApproval) book.evaluate(new ToolCallRequest("deploy_api",
                RiskTier.DESTRUCTIVE, "ops", "C1", "U1"), Instant.EPOCH);
        var write = (PolicyDecision.RequireApproval) book.evaluate(new ToolCallRequest("slack_post_message",
                RiskTier.WRITE, "alfred", "C1", "U1"), Instant.EPOCH);

        assertThat(deploy.approvers()).isEqualTo(new Approvers(false, List.of(), List.of("S0SRE"), false, 2, false));
        assertThat(deploy.window()).isEqualTo(new ApprovalWindow(Duration.ofMinutes(30), 0.25));
        assertThat(write.approvers()).isEqualTo(Approvers.requesterOnly());
        assertThat(write.window()).isEqualTo(new ApprovalWindow(Duration.ofHours(2), 0.25));
    }

    @org.junit.jupiter.api.Test
    void explainListsConditionalRulesUpToTheFirstUnconditionalOne() {
        List<RuleExplanation> lines = book.explain(new ToolCallRequest("github_create_pull_request", RiskTier.WRITE,
                "alfred", "C1", "U1"), SlackMentions.SLACK);

        assertThat(lines).extracting(RuleExplanation::ruleId)
                .containsExactly("small-pr-auto", "docs-prefix", "writes");
        assertThat(lines.get(0).condition()).isEqualTo("`changed_lines` < 50");
        assertThat(lines.get(0).source()).isEqualTo("test.yml");
        assertThat(lines.get(2).condition()).isNull();
        assertThat(lines.get(2).decision()).startsWith("require approval by <@U1> (the requester)");
    }

    @org.junit.jupiter.api.Test
    void explainWordsAHostAllowListAsTheHostsItRefuses() {
        List<RuleExplanation> lines = book.explain(new ToolCallRequest("http_get", RiskTier.READ, "oracle", "C1",
                "U1"), SlackMentions.SLACK);

        assertThat(lines).extracting(RuleExplanation::ruleId).startsWith("metadata-deny", "oracle-allow-list");
        assertThat(lines.get(1).condition())
                .isEqualTo("`url` has no host matching status.example.com or *.ops.example.com");
    }

    @org.junit.jupiter.api.Test
    void explainSaysWhenTheDestructiveFloorOverridesAnAllowRule() {
        List<RuleExplanation> lines = book.explain(new ToolCallRequest("drop_database", RiskTier.DESTRUCTIVE,
                "alfred", "C1", "U1"), SlackMentions.SLACK);

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.ruleId()).isEqualTo("careless-destructive");
            assertThat(line.decision()).contains("destructive-floor");
        });
    }

    @ParameterizedTest
    @CsvSource({"READ, read", "WRITE, write", "DESTRUCTIVE, destructive"})
    void riskTiersUseTheirContractNames(RiskTier tier, String wireName) {
        assertThat(tier.wireName()).isEqualTo(wireName);
        assertThat(RiskTier.fromWireName(wireName.toUpperCase())).isEqualTo(tier);
    }
}
