package dev.alfred.agents.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.scratchpad.Scratchpad;
import dev.alfred.agents.scratchpad.ScratchpadEntry;
import dev.alfred.agents.tools.Tool;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.policies.RiskTier;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * {@code scratchpad_read {key?}} (tier {@code read}): reads one key of the run's family (a bare name is the run's
 * own), or lists every key with its writer when no key is given. See {@link Scratchpad}.
 */
@Singleton
public class ScratchpadReadTool implements Tool {
    private final Scratchpad scratchpad;

    public ScratchpadReadTool(Scratchpad scratchpad) {
        this.scratchpad = scratchpad;
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
    public JsonObjectSchema parameters() {
        return JsonObjectSchema.builder()
                .addStringProperty("key", "The key to read; leave it out to list the keys")
                .build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.READ;
    }

    @Override
    public ToolResult execute(JsonNode arguments, ToolContext context) {
        String key = arguments.path("key").asText("");
        try {
            if (key.isBlank()) {
                List<ScratchpadEntry> all = scratchpad.family(context.runId());
                if (all.isEmpty()) {
                    return ToolResult.ok("the scratchpad is empty");
                }
                StringBuilder list = new StringBuilder("keys (written by run):");
                all.forEach(entry -> list.append("\n- ").append(entry.entryKey()).append(" (")
                        .append(entry.writtenBy()).append(", ").append(entry.entryValue().length())
                        .append(" characters)"));
                return ToolResult.ok(list.toString());
            }
            ScratchpadEntry entry = scratchpad.read(context.runId(), key);
            return ToolResult.ok(entry.entryKey() + " (written by run " + entry.writtenBy() + "):\n"
                    + entry.entryValue());
        } catch (Scratchpad.ScratchpadException e) {
            return ToolResult.error(e.getMessage());
        }
    }
}
