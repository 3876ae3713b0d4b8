package dev.alfred.agents.tools;

import dev.alfred.policies.RiskTier;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every {@link Tool} by name, and their specifications as the model receives them: the tool beans (fixed at start-up)
 * and the tools each {@link ToolSource} offers at the moment of asking (MCP servers' tools, which appear when their
 * server is up and change when it lists new ones). A bean's name wins over a source's; names are unique among beans.
 * Every answer is a snapshot: a tool found here may be gone on the next look-up. The merged map and the tiers are
 * kept until a source replaces its tools (a source's map is an immutable snapshot, so comparing instances tells).
 */
@Singleton
public class ToolRegistry {
    private final Map<String, Tool> tools;
    private final List<ToolSource> sources;
    /** The tools as of the sources' maps it was built from; replaced when one of them is. */
    private volatile Snapshot snapshot;

    /**
     * @param tools every tool bean
     * @throws IllegalStateException when two tools share a name
     */
    public ToolRegistry(List<Tool> tools) {
        this(tools, List.of());
    }

    /**
     * @param tools   every tool bean
     * @param sources every source of tools that change while Alfred runs
     * @throws IllegalStateException when two tool beans share a name
     */
    @Inject
    public ToolRegistry(List<Tool> tools, List<ToolSource> sources) {
        Map<String, Tool> byName = new TreeMap<>();
        for (Tool tool : tools) {
            Tool previous = byName.put(tool.name(), tool);
            if (previous != null) {
                throw new IllegalStateException("two tools are named '" + tool.name() + "': "
                        + previous.getClass().getName() + " and " + tool.getClass().getName());
            }
        }
        this.tools = Collections.unmodifiableMap(byName);
        this.sources = List.copyOf(sources);
    }

    /** @return the tool with that name, if there is one now */
    public Optional<Tool> find(String name) {
        Tool tool = tools.get(name);
        for (int i = 0; tool == null && i < sources.size(); i++) {
            tool = sources.get(i).tools().get(name);
        }
        return Optional.ofNullable(tool);
    }

    /** @return the specifications of every tool there is now, sorted by name */
    public List<ToolSpec> specifications() {
        return specifications(name -> true);
    }

    /**
     * @param include which tool names to give (an agent's {@code tools}, say)
     * @return the specifications of the tools there are now that {@code include} accepts, sorted by name; only those
     *     are built (a tool's schema is built anew each time it is asked for)
     */
    public List<ToolSpec> specifications(java.util.function.Predicate<String> include) {
        return all().values().stream()
                .filter(tool -> include.test(tool.name()))
                .map(tool -> new ToolSpec(tool.name(),
                        tool.description() + " Risk tier: " + tool.tier().wireName() + ".", tool.parameters()))
                .toList();
    }

    /** @return every tool's risk tier now, by name, sorted; unmodifiable */
    public Map<String, RiskTier> tiers() {
        return snapshot().tiers();
    }

    /**
     * @return an object that stays the same instance while the tools stay the same, and is a new one once a source
     *     has replaced its tools: a key for what callers derive from the tools (an agent's specifications, say)
     */
    public Object version() {
        return snapshot();
    }

    /** @return the names of the tools there are now, sorted */
    public List<String> names() {
        return List.copyOf(all().keySet());
    }

    /** @return every tool there is now, by name, sorted */
    public Map<String, Tool> all() {
        return snapshot().all();
    }

    private Snapshot snapshot() {
        Snapshot current = snapshot;
        if (current != null && current.isOf(sources)) {
            return current;
        }
        List<Map<String, Tool>> offered = sources.stream().map(ToolSource::tools).toList();
        Map<String, Tool> all = new TreeMap<>();
        offered.forEach(all::putAll);
        all.putAll(tools);
        Map<String, RiskTier> tiers = new TreeMap<>();
        all.forEach((name, tool) -> tiers.put(name, tool.tier()));
        current = new Snapshot(offered, Collections.unmodifiableMap(all), Collections.unmodifiableMap(tiers));
        snapshot = current;
        return current;
    }

    /**
     * @param pattern a tool name or glob from an agent definition
     * @return whether a source may offer a matching tool later, though none matches now
     */
    public boolean mayOffer(String pattern) {
        return sources.stream().anyMatch(source -> source.mayOffer(pattern));
    }

    /**
     * The tools at one moment.
     *
     * @param offered each source's map, in the order of the sources
     * @param all     every tool by name, sorted
     * @param tiers   every tool's tier by name, sorted
     */
    private record Snapshot(List<Map<String, Tool>> offered, Map<String, Tool> all, Map<String, RiskTier> tiers) {

        /** @return whether every source still offers the very map this snapshot was built from */
        boolean isOf(List<ToolSource> sources) {
            for (int i = 0; i < sources.size(); i++) {
                if (sources.get(i).tools() != offered.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
