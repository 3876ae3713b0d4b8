package dev.alfred.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TierPolicyTest {

    private final TierPolicy policy = new TierPolicy();

    @ParameterizedTest(name = "{0} tool → {1} by {2}")
    @CsvSource({
        "read,        Allow,           tier-read-allow",
        "write,       RequireApproval, tier-gated-approval",
        "destructive, RequireApproval, tier-gated-approval",
    })
    void decidesByRiskTierAndNamesTheRule(String tier, String decision, String rule) {
        var request = new ToolCallRequest("some_tool", RiskTier.fromWireName(tier), "alfred", "C1", "U1");

        PolicyDecision result = policy.evaluate(request, Instant.EPOCH);

        assertThat(result.getClass().getSimpleName()).isEqualTo(decision);
        assertThat(result.ruleId()).isEqualTo(rule);
    }

    @ParameterizedTest
    @CsvSource({"READ, read", "WRITE, write", "DESTRUCTIVE, destructive"})
    void wireNamesRoundTrip(RiskTier tier, String wire) {
        assertThat(tier.wireName()).isEqualTo(wire);
        assertThat(RiskTier.fromWireName(wire)).isEqualTo(tier);
    }

    @org.junit.jupiter.api.Test
    void unknownTierNameIsRefusedWithTheExpectedNames() {
        assertThatThrownBy(() -> RiskTier.fromWireName("risky"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("read, write or destructive");
    }
}
