package dev.alfred.agents.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.scratchpad.Scratchpad;
import dev.alfred.agents.tools.Tool;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.policies.RiskTier;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import jakarta.inject.Singleton;

/**
 * {@code scratchpad_promote {key, as?}} (tier {@code read}): the boss's validation step, copying a sub-run's
 * {@code scratch.<runId>.<name>} to {@code shared.<name>} after checking it. Sub-runs cannot promote. See
 * {@link Scratchpad}.
 */
@Singleton
public class ScratchpadPromoteTool implements Tool {
    private final Scratchpad scratchpad;

    public ScratchpadPromoteTool(Scratchpad scratchpad) {
        this.scratchpad = scratchpad;
    }

    @Override
    public String name() {
        return "scratchpad_promote";
    }

    @Override
    public String description() {
        return "After checking a finding a delegated run wrote, copy it to the shared scratchpad: key is "
                + "scratch.<run id>.<name>; it becomes shared.<name> (or shared.<as>). Only the boss can promote.";
    }

    @Override
    public JsonObjectSchema parameters() {
        return JsonObjectSchema.builder()
                .addStringProperty("key", "The full key to promote, e.g. scratch.k3v9x2qa.findings")
                .addStringProperty("as", "The shared name; defaults to the key's own name")
                .required("key")
                .build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.READ;
    }

    @Override
    public ToolResult execute(JsonNode arguments, ToolContext context) {
        try {
            return ToolResult.ok("promoted to " + scratchpad.promote(context.runId(),
                    arguments.path("key").asText(), arguments.path("as").asText(null)));
        } catch (Scratchpad.ScratchpadException e) {
            return ToolResult.error(e.getMessage());
        }
    }
}
