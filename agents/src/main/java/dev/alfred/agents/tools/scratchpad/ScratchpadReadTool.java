package dev.alfred.agents.tools.scratchpad;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolSchema;
import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.scratchpad.Scratchpad;
import dev.alfred.agents.scratchpad.ScratchpadEntry;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * {@code scratchpad_read {key?}} (tier {@code read}): reads one key of the run's family (a bare name is the run's
 * own), or lists every key with its writer when no key is given. See {@link Scratchpad}.
 */
@Singleton
public class ScratchpadReadTool extends ScratchpadTool {
    public ScratchpadReadTool(Scratchpad scratchpad) {
        super(scratchpad);
    }

    @Override
    public String name() {
        return "scratchpad_read";
    }

    @Override
    public String description() {
        return "Read the scratchpad this task's runs share: give a key (scratch.<run id>.<name>, shared.<name>, or "
                + "a bare name for your own note), or no key to list every key.";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addStringProperty("key", "The key to read; leave it out to list the keys")
                .build();
    }

    @Override
    String run(JsonNode arguments, String runId) {
        String key = arguments.path("key").asText("");
        if (!key.isBlank()) {
            ScratchpadEntry entry = scratchpad.read(runId, key);
            return entry.entryKey() + " (written by run " + entry.writtenBy() + "):\n" + entry.entryValue();
        }
        List<ScratchpadEntry> all = scratchpad.family(runId);
        if (all.isEmpty()) {
            return "the scratchpad is empty";
        }
        StringBuilder list = new StringBuilder("keys (written by run):");
        all.forEach(entry -> list.append("\n- ").append(entry.entryKey()).append(" (").append(entry.writtenBy())
                .append(", ").append(entry.entryValue().length()).append(" characters)"));
        return list.toString();
    }
}
