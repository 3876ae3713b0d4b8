package dev.alfred.agents.tools;

import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every {@link Tool} bean, by name, and their specifications as the model receives them. */
@Singleton
public class ToolRegistry {
    private final Map<String, Tool> tools;

    /**
     * @param tools every tool bean
     * @throws IllegalStateException when two tools share a name
     */
    public ToolRegistry(List<Tool> tools) {
        Map<String, Tool> byName = new TreeMap<>();
        for (Tool tool : tools) {
            Tool previous = byName.put(tool.name(), tool);
            if (previous != null) {
                throw new IllegalStateException("two tools are named '" + tool.name() + "': "
                        + previous.getClass().getName() + " and " + tool.getClass().getName());
            }
        }
        this.tools = Collections.unmodifiableMap(byName);
    }

    /** @return the tool with that name, if registered */
    public Optional<Tool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /** @return the specifications of every tool, sorted by name */
    public List<ToolSpec> specifications() {
        return tools.values().stream()
                .map(tool -> new ToolSpec(tool.name(),
                        tool.description() + " Risk tier: " + tool.tier().wireName() + ".", tool.parameters()))
                .toList();
    }

    /** @return every registered tool's risk tier, by name */
    public Map<String, dev.alfred.policies.RiskTier> tiers() {
        Map<String, dev.alfred.policies.RiskTier> tiers = new TreeMap<>();
        tools.forEach((name, tool) -> tiers.put(name, tool.tier()));
        return tiers;
    }

    /** @return the registered tool names, sorted */
    public List<String> names() {
        return List.copyOf(tools.keySet());
    }
}
