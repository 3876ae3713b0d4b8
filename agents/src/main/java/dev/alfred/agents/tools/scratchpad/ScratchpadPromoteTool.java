package dev.alfred.agents.tools.scratchpad;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolSchema;
import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.scratchpad.Scratchpad;
import jakarta.inject.Singleton;

/**
 * {@code scratchpad_promote {key, as?}} (tier {@code read}): the boss's validation step, copying a sub-run's
 * {@code scratch.<runId>.<name>} to {@code shared.<name>} after checking it. Sub-runs cannot promote. See
 * {@link Scratchpad}.
 */
@Singleton
public class ScratchpadPromoteTool extends ScratchpadTool {
    public ScratchpadPromoteTool(Scratchpad scratchpad) {
        super(scratchpad);
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
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addStringProperty("key", "The full key to promote, e.g. scratch.k3v9x2qa.findings")
                .addStringProperty("as", "The shared name; defaults to the key's own name")
                .required("key")
                .build();
    }

    @Override
    String run(JsonNode arguments, String runId) {
        return "promoted to " + scratchpad.promote(runId, arguments.path("key").asText(),
                arguments.path("as").asText(null));
    }
}
