package dev.alfred.agents.tools.delegate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolSchema;
import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.catalog.AgentDefaults;
import dev.alfred.agents.catalog.AgentCatalog;
import dev.alfred.agents.catalog.AgentDefinition;
import dev.alfred.agents.tools.Tool;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.policies.RiskTier;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code delegate {agent, brief}}: starts a sub-run of a specialist agent on a self-contained brief and waits for its
 * final answer, which becomes the tool result. The run loop handles this tool itself (the parent parks in
 * {@code WAITING_FOR_SUBRUN}); {@link #execute} is only reached if a caller bypasses the loop, and says so. The
 * description lists the agents the caller may delegate to, read from the {@link AgentCatalog}.
 */
@Singleton
public class DelegateTool implements Tool {
    /** The tool's contract name. */
    public static final String NAME = "delegate";
    /** The most characters a brief may have. */
    public static final int MAX_BRIEF_CHARS = 8_000;

    private final Provider<AgentCatalog> catalog;

    /** @param catalog the agents; a provider, since the catalog itself checks agents' tools against this registry */
    public DelegateTool(Provider<AgentCatalog> catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        String agents = specialists().stream().map(agent -> agent.name() + " (" + agent.description() + ")")
                .collect(Collectors.joining("; "));
        return "Hand a self-contained part of the task to a specialist agent and wait for its final answer, which "
                + "you receive as this tool's result. The specialist sees only your brief, so include what it needs. "
                + "It reports in the same Slack thread. Specialists: " + (agents.isEmpty() ? "none" : agents) + ".";
    }

    @Override
    public ObjectNode parameters() {
        List<String> names = specialists().stream().map(AgentDefinition::name).toList();
        ToolSchema.Builder schema = ToolSchema.builder();
        if (names.isEmpty()) {
            schema.addStringProperty("agent", "The specialist's codename (none is defined)");
        } else {
            schema.addEnumProperty("agent", names, "The specialist's codename");
        }
        return schema.addStringProperty("brief", "What the specialist should do and report back, self-contained, at "
                        + "most " + MAX_BRIEF_CHARS + " characters")
                .required("agent", "brief")
                .build();
    }

    /** @return every agent but the boss, the ones a run may delegate to */
    private List<AgentDefinition> specialists() {
        return catalog.get().all().stream().filter(agent -> !agent.name().equals(AgentDefaults.BOSS)).toList();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.READ;
    }

    @Override
    public ToolResult execute(JsonNode arguments, ToolContext context) {
        return ToolResult.error("delegate is carried out by the run loop, not executed directly");
    }
}
