package dev.alfred.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApproversTest {

    /** Requester is always U0REQ. Columns: spec, tier, clicker, clicker's groups, approved so far, expected. */
    @ParameterizedTest(name = "[{index}] {0} / {1}: {2} in [{3}] after [{4}] → {5}")
    @CsvSource(delimiter = '|', value = {
        // defaults: write → the requester; destructive → anyone but the requester
        "{}                                         | write       | U0REQ | -      | -    | ok",
        "{}                                         | write       | U2    | -      | -    | only",
        "{}                                         | destructive | U0REQ | -      | -    | own request",
        "{}                                         | destructive | U2    | -      | -    | ok",
        // named users and groups
        "{users: [U2]}                              | write       | U2    | -      | -    | ok",
        "{users: [U2]}                              | write       | U3    | -      | -    | only",
        "{users: [U2]}                              | write       | U0REQ | -      | -    | only",
        "{groups: [S1]}                             | write       | U3    | S1     | -    | ok",
        "{groups: [S1]}                             | write       | U3    | -      | -    | only",
        // self-approval: allowed for write by default, forbidden for destructive by default, configurable
        "{groups: [S1]}                             | write       | U0REQ | S1     | -    | ok",
        "{groups: [S1]}                             | destructive | U0REQ | S1     | -    | own request",
        "{groups: [S1], self-approval: true}        | destructive | U0REQ | S1     | -    | ok",
        "{groups: [S1], self-approval: false}       | write       | U0REQ | S1     | -    | own request",
        "{requester: true, users: [U2]}             | write       | U0REQ | -      | -    | ok",
        // naming the requester allows self-approval even for destructive calls, and never widens to anyone
        "{requester: true}                          | destructive | U0REQ | -      | -    | ok",
        "{requester: true}                          | destructive | U2    | -      | -    | only",
        "{requester: true, users: [U2], count: 2}   | destructive | U0REQ | -      | U2   | ok",
        // two-person rule: the same person twice is refused, a second person counts
        "{groups: [S1], count: 2}                   | write       | U3    | S1     | U3   | already approved",
        "{groups: [S1], count: 2}                   | write       | U4    | S1     | U3   | ok",
    })
    void decidesWhoseApprovalCounts(String spec, String tier, String clicker, String groups, String soFar,
            String expected) {
        Approvers approvers = parse(spec).resolve(RiskTier.fromWireName(tier));

        var refusal = approvers.refusal(clicker, "U0REQ", list(groups), list(soFar), SlackMentions.SLACK);

        if (expected.equals("ok")) {
            assertThat(refusal).isEmpty();
        } else {
            assertThat(refusal).get().asString().containsIgnoringCase(expected);
        }
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', value = {
        "{requester: true, self-approval: false} | contradicts",
        "{requester: false}                      | nobody could approve",
        "{users: [U1], count: 2}                 | can never be reached",
        "{users: [U1], count: 0}                 | at least 1",
    })
    void unsatisfiableSpecsAreRefusedWhenLoaded(String spec, String message) {
        assertThatThrownBy(() -> parse(spec)).hasMessageContaining(message);
    }

    @org.junit.jupiter.api.Test
    void describesWhoMayApprove() {
        Approvers approvers = parse("{users: [U2], groups: [S1], count: 2}").resolve(RiskTier.DESTRUCTIVE);

        assertThat(approvers.describe("U0REQ", SlackMentions.SLACK))
                .isEqualTo("<@U2>, members of <!subteam^S1> (not <@U0REQ>, the requester)");
        assertThat(Approvers.anyoneButRequester().describe("U0REQ", SlackMentions.SLACK))
                .isEqualTo("anyone in the workspace except <@U0REQ> (the requester)");
    }

    private static ApproversSpec parse(String yaml) {
        String file = "rules:\n  - id: r\n    decision: require_approval\n    approvers: " + yaml + "\n";
        try {
            PolicyFile policy = PolicyFiles.parse(new PolicyFiles.Source("t.yml", file));
            return policy.rules().get(0).approvers();
        } catch (PolicyFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static List<String> list(String csv) {
        return csv.equals("-") ? List.of() : Arrays.asList(csv.split(","));
    }
}
