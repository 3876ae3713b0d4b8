package dev.alfred.agents.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alfred.policies.RiskTier;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class McpTiersTest {

    static Stream<Arguments> cases() {
        Map<String, RiskTier> none = Map.of();
        Map<String, RiskTier> named = Map.of("list_issues", RiskTier.READ, "*", RiskTier.DESTRUCTIVE);
        return Stream.of(
                Arguments.of("no annotations: the specification's defaults make it destructive", none, "t", null,
                        null, RiskTier.DESTRUCTIVE),
                Arguments.of("readOnlyHint true", none, "t", true, null, RiskTier.READ),
                Arguments.of("readOnlyHint true outweighs destructiveHint true", none, "t", true, true, RiskTier.READ),
                Arguments.of("readOnlyHint false, destructiveHint false", none, "t", false, false, RiskTier.WRITE),
                Arguments.of("destructiveHint false alone", none, "t", null, false, RiskTier.WRITE),
                Arguments.of("destructiveHint true", none, "t", false, true, RiskTier.DESTRUCTIVE),
                Arguments.of("the tool's entry wins over its hints and over \"*\"", named, "list_issues", false, true,
                        RiskTier.READ),
                Arguments.of("\"*\" wins over a read-only hint", named, "delete_issue", true, false,
                        RiskTier.DESTRUCTIVE),
                Arguments.of("\"*\" alone", Map.of("*", RiskTier.WRITE), "t", null, null, RiskTier.WRITE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theTierIsTheConfiguredOneElseTheAnnotationsWithTheirDefaults(String title, Map<String, RiskTier> tiers,
            String tool, Boolean readOnlyHint, Boolean destructiveHint, RiskTier expected) {
        assertThat(McpTiers.derive(tiers, tool, readOnlyHint, destructiveHint)).isEqualTo(expected);
    }
}
