package dev.alfred.agents.tools.scratchpad;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolSchema;
import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.scratchpad.Scratchpad;
import jakarta.inject.Singleton;

/**
 * {@code scratchpad_write {name, value}} (tier {@code read}: it changes nothing outside Alfred): stores a note under
 * the run's own namespace, {@code scratch.<runId>.<name>}. See {@link Scratchpad} for the rules.
 */
@Singleton
public class ScratchpadWriteTool extends ScratchpadTool {
    public ScratchpadWriteTool(Scratchpad scratchpad) {
        super(scratchpad);
    }

    @Override
    public String name() {
        return "scratchpad_write";
    }

    @Override
    public String description() {
        return "Store a note or finding in your own scratchpad namespace (scratch.<your run id>.<name>), replacing "
                + "an earlier value. The runs of this task can read it; the boss may promote it to shared.<name>.";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addStringProperty("name", "A short name, e.g. findings (letters, digits, _ - .)")
                .addStringProperty("value", "The text to store, at most " + Scratchpad.MAX_VALUE_CHARS
                        + " characters")
                .required("name", "value")
                .build();
    }

    @Override
    String run(JsonNode arguments, String runId) {
        return "stored as " + scratchpad.write(runId, arguments.path("name").asText(),
                arguments.path("value").asText());
    }
}
