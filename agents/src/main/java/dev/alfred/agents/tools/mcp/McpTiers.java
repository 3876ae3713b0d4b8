package dev.alfred.agents.tools.mcp;

import dev.alfred.policies.RiskTier;
import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/**
 * The risk tier of an MCP tool (DESIGN.md section 4). The server's {@code tiers} entry for the tool, else its
 * {@code "*"} entry, wins: annotations are hints from the server, which Alfred does not trust to judge itself.
 * Without one, the tool's annotations decide with the defaults the MCP specification gives them
 * ({@code readOnlyHint} false, {@code destructiveHint} true; specification 2025-06-18, "ToolAnnotations"):
 * {@code readOnlyHint: true} → {@code read}; otherwise {@code destructiveHint: false} → {@code write}; otherwise
 * {@code destructive}. A tool without annotations is therefore {@code destructive}.
 */
public final class McpTiers {
    /** The {@code tiers} key that applies to every tool not named. */
    public static final String EVERY_TOOL = "*";

    private McpTiers() {
    }

    /**
     * @param tiers           the server's {@code tiers}, by the server's own tool names
     * @param tool            the tool's name on its server (not the {@code mcp__} name)
     * @param readOnlyHint    the annotation, null when absent
     * @param destructiveHint the annotation, null when absent
     * @return the tier, as described on the class
     */
    public static RiskTier derive(Map<String, RiskTier> tiers, String tool, @Nullable Boolean readOnlyHint,
            @Nullable Boolean destructiveHint) {
        RiskTier configured = tiers.containsKey(tool) ? tiers.get(tool) : tiers.get(EVERY_TOOL);
        if (configured != null) {
            return configured;
        }
        if (Boolean.TRUE.equals(readOnlyHint)) {
            return RiskTier.READ;
        }
        return Boolean.FALSE.equals(destructiveHint) ? RiskTier.WRITE : RiskTier.DESTRUCTIVE;
    }
}
