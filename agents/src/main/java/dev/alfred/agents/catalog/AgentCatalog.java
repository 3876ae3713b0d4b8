package dev.alfred.agents.catalog;

import dev.alfred.agents.tools.ToolRegistry;
import dev.alfred.agents.tools.ToolSpec;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's agents, loaded once at start-up from {@code alfred.agents.dir} ({@code ALFRED_AGENTS_DIR}) or the
 * shipped defaults. Start-up fails ({@link AgentFileException}) when a file is invalid, when no agent is called
 * {@value AgentDefaults#BOSS} (the boss takes tasks that name no agent), or when a definition names a tool that does
 * not exist (a glob that matches no tool, e.g. {@code github_*} in a build without them, is only logged; so is a
 * name or glob an MCP server may offer later, e.g. {@code mcp__linear__list_issues}: those are listed after start-up).
 */
@Context
public class AgentCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(AgentCatalog.class);

    private final Map<String, AgentFiles.Loaded> agents;
    private final ToolRegistry tools;
    /** Each agent's tool specifications by codename, with the registry version they were built from. */
    private final Map<String, Specifications> specifications = new ConcurrentHashMap<>();

    /**
     * @param directory the agents folder; blank for the shipped defaults
     * @throws AgentFileException as described on the class
     */
    public AgentCatalog(@Value("${alfred.agents.dir:}") String directory, ToolRegistry tools) {
        this(AgentFiles.load(directory), tools);
        LOG.info("agents loaded: {} from {}", String.join(", ", names()),
                directory == null || directory.isBlank() ? "the shipped defaults" : directory);
    }

    /**
     * @param agents parsed definitions by codename
     * @throws AgentFileException as described on the class
     */
    public AgentCatalog(Map<String, AgentFiles.Loaded> agents, ToolRegistry tools) {
        this.tools = tools;
        this.agents = Map.copyOf(agents);
        if (!agents.containsKey(AgentDefaults.BOSS)) {
            throw new AgentFileException(agents.values().stream().map(AgentFiles.Loaded::file).findFirst()
                    .orElse("agents"), 0, "no agent is named '" + AgentDefaults.BOSS + "': the boss takes every "
                    + "task that names no agent, so one definition must have name: " + AgentDefaults.BOSS);
        }
        for (AgentFiles.Loaded loaded : agents.values()) {
            for (String pattern : loaded.definition().tools()) {
                if (tools.names().stream().noneMatch(name -> AgentDefinition.matches(pattern, name))) {
                    if (tools.mayOffer(pattern)) {
                        LOG.info("{}: tools: '{}' matches no tool yet; MCP servers list theirs once they are up",
                                loaded.file(), pattern);
                        continue;
                    }
                    if (pattern.contains("*")) {
                        LOG.warn("{}: tools: '{}' matches no tool now", loaded.file(), pattern);
                        continue;
                    }
                    throw new AgentFileException(loaded.file(), 0, "tools: '" + pattern + "' names no tool "
                            + "(available: " + String.join(", ", tools.names()) + ")");
                }
            }
        }
    }

    /** @return the agent with that codename, if defined */
    public Optional<AgentDefinition> find(String name) {
        return Optional.ofNullable(agents.get(name)).map(AgentFiles.Loaded::definition);
    }

    /** @return the agent with that codename; the boss when it is no longer defined (a definition was removed) */
    public AgentDefinition resolve(String name) {
        return find(name).orElseGet(this::boss);
    }

    /** @return the boss, {@value AgentDefaults#BOSS} */
    public AgentDefinition boss() {
        return agents.get(AgentDefaults.BOSS).definition();
    }

    /** @return every agent, boss first, then by codename */
    public List<AgentDefinition> all() {
        List<AgentDefinition> all = new ArrayList<>();
        all.add(boss());
        agents.keySet().stream().filter(name -> !name.equals(AgentDefaults.BOSS)).sorted()
                .forEach(name -> all.add(agents.get(name).definition()));
        return all;
    }

    /**
     * Built once per agent and {@linkplain ToolRegistry#version() version of the tools}: a run asks at every step,
     * and building means writing each tool's description and schema (the {@code delegate} tool's lists this catalog's
     * agents, which stay as loaded). An MCP server's new listing makes a new version, so it is seen at the next step.
     *
     * @return the specifications of the tools the agent may call, sorted by name; shared, so not to be changed
     */
    public List<ToolSpec> toolSpecifications(AgentDefinition agent) {
        Object version = tools.version();
        Specifications cached = specifications.get(agent.name());
        if (cached != null && cached.agent() == agent && cached.version() == version) {
            return cached.specs();
        }
        List<ToolSpec> specs = tools.specifications(agent::allows);
        specifications.put(agent.name(), new Specifications(agent, version, specs));
        return specs;
    }

    /** @return the names of the tools the agent may call, sorted */
    public List<String> toolNames(AgentDefinition agent) {
        return tools.names().stream().filter(agent::allows).toList();
    }

    /** @return the codenames, for error messages */
    public Collection<String> names() {
        return all().stream().map(AgentDefinition::name).toList();
    }

    /**
     * An agent's tool specifications as built.
     *
     * @param agent   the definition they were built for
     * @param version the {@link ToolRegistry#version()} they were built from
     * @param specs   the specifications
     */
    private record Specifications(AgentDefinition agent, Object version, List<ToolSpec> specs) {
    }
}
