package dev.alfred.agents.tools.scratchpad;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.scratchpad.Scratchpad;
import dev.alfred.agents.tools.Tool;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.policies.RiskTier;

/**
 * What the scratchpad tools share: tier {@code read} (they change nothing outside Alfred), and the scratchpad's
 * refusals go back to the model as tool errors.
 */
abstract class ScratchpadTool implements Tool {
    protected final Scratchpad scratchpad;

    ScratchpadTool(Scratchpad scratchpad) {
        this.scratchpad = scratchpad;
    }

    @Override
    public RiskTier tier() {
        return RiskTier.READ;
    }

    @Override
    public ToolResult execute(JsonNode arguments, ToolContext context) {
        try {
            return ToolResult.ok(run(arguments, context.runId()));
        } catch (Scratchpad.ScratchpadException e) {
            return ToolResult.error(e.getMessage());
        }
    }

    /**
     * @return the result text for the model
     * @throws Scratchpad.ScratchpadException when the scratchpad refuses the call
     */
    abstract String run(JsonNode arguments, String runId);
}
