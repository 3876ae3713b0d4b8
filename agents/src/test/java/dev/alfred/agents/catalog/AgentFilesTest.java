package dev.alfred.agents.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.tools.Tool;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolRegistry;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.agents.tools.ToolSource;
import dev.alfred.policies.PolicyFiles;
import dev.alfred.policies.RiskTier;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolSchema;
import dev.alfred.agents.tools.ToolSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AgentFilesTest {
    private static final String FILE = "agents/lucius.yml";

    /** A valid definition, one key per line: name 1, description 2, system-prompt 3, model 4, tools 5, max-steps 6. */
    private static final String LUCIUS = """
            name: lucius
            description: Engineering specialist.
            system-prompt: You are Lucius.
            model: {provider: openai, name: gpt-4o-mini}
            tools: [github_*, http_get]
            max-steps: 25
            """;

    private static Map<String, AgentFiles.Loaded> parse(String... namesAndTexts) {
        List<PolicyFiles.Source> sources = new ArrayList<>();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            sources.add(new PolicyFiles.Source(namesAndTexts[i], namesAndTexts[i + 1]));
        }
        return AgentFiles.parse(sources);
    }

    private static AgentDefinition lucius(String yaml) {
        return parse(FILE, yaml).get("lucius").definition();
    }

    /** {@link #LUCIUS} with one line replaced, 1-based; an empty replacement drops the line. */
    private static String withLine(int line, String replacement) {
        String[] lines = LUCIUS.split("\n");
        lines[line - 1] = replacement;
        return String.join("\n", Arrays.stream(lines).filter(l -> !l.isEmpty()).toList()) + "\n";
    }

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                Arguments.of("unknown key", withLine(4, "modle: gpt-4o"),
                        FILE + " line 4: unknown key 'modle' (expected one of: budget-usd, description, fallback, "
                                + "max-prompt-tokens, max-steps, model, name, system-prompt, tools)"),
                Arguments.of("unknown key after the valid ones", LUCIUS + "budget: 2\n",
                        FILE + " line 7: unknown key 'budget'"),
                Arguments.of("unknown key inside the model", withLine(4, "model: {provider: openai, nmae: gpt-4o}"),
                        FILE + " line 4: at model: unknown key 'nmae' (expected one of: name, provider)"),
                Arguments.of("value error under leading comments", "# Lucius\n# engineering\n"
                        + withLine(6, "max-steps: 0"), FILE + " line 3: 'max-steps' must be between 1 and 500"),
                Arguments.of("duplicate key", LUCIUS + "max-steps: 30\n",
                        FILE + " line 7: not valid YAML: Duplicate field 'max-steps'"),
                Arguments.of("bad codename", withLine(1, "name: Lucius"),
                        FILE + " line 1: 'name' must be a codename of 2-32 lower-case letters"),
                Arguments.of("codename too short", withLine(1, "name: l"),
                        FILE + " line 1: 'name' must be a codename"),
                Arguments.of("missing description", withLine(2, ""),
                        FILE + " line 1: 'description' is required"),
                Arguments.of("blank system prompt", withLine(3, "system-prompt: ' '"),
                        FILE + " line 1: 'system-prompt' is required"),
                Arguments.of("max-steps zero", withLine(6, "max-steps: 0"),
                        FILE + " line 1: 'max-steps' must be between 1 and 500, was 0"),
                Arguments.of("max-steps too many", withLine(6, "max-steps: 501"),
                        FILE + " line 1: 'max-steps' must be between 1 and 500, was 501"),
                Arguments.of("negative budget", LUCIUS + "budget-usd: -1.50\n",
                        FILE + " line 1: 'budget-usd' must be more than 0, was -1.5"),
                Arguments.of("prompt budget too small", LUCIUS + "max-prompt-tokens: 999\n",
                        FILE + " line 1: 'max-prompt-tokens' must be between 1000 and 2000000, was 999"),
                Arguments.of("prompt budget too large", LUCIUS + "max-prompt-tokens: 2000001\n",
                        FILE + " line 1: 'max-prompt-tokens' must be between 1000 and 2000000, was 2000001"),
                Arguments.of("unknown model provider", withLine(4, "model: {provider: openia, name: gpt-4o}"),
                        FILE + " line 4: at model: unknown model provider 'openia' (expected one of: anthropic, "
                                + "ollama, openai)"),
                Arguments.of("unknown fallback provider", LUCIUS + "fallback: {provider: mistral}\n",
                        FILE + " line 7: at fallback: unknown model provider 'mistral'"),
                Arguments.of("not YAML", withLine(5, "tools: [github_*, http_get"),
                        FILE + " line 5: not valid YAML: while parsing a flow sequence"),
                Arguments.of("empty file", "# nothing yet\n", FILE + ": the file is empty"),
                Arguments.of("top level a list", "- name: lucius\n",
                        FILE + " line 1: an agent file is a mapping with name, description, system-prompt"),
                Arguments.of("top level a string", "lucius\n",
                        FILE + " line 1: an agent file is a mapping"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void anInvalidFileStopsLoadingWithItsNameLineAndReason(String problem, String yaml, String message) {
        assertThatThrownBy(() -> parse(FILE, yaml))
                .isInstanceOf(AgentFileException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void aCodenameDefinedTwiceNamesBothFiles() {
        assertThatThrownBy(() -> parse("agents/a.yml", LUCIUS, "agents/b.yml", LUCIUS))
                .isInstanceOf(AgentFileException.class)
                .hasMessage("agents/b.yml: the codename 'lucius' is already defined in agents/a.yml; codenames must "
                        + "be unique");
    }

    @Test
    void theShippedDefaultsLoadWithTheBossFirst() {
        Map<String, AgentFiles.Loaded> shipped = AgentFiles.load(null);

        assertThat(shipped).containsOnlyKeys("alfred", "lucius", "oracle", "reviewer-correctness",
                "reviewer-security", "reviewer-tests");
        assertThat(shipped.keySet()).first().isEqualTo("alfred");
        assertThat(AgentFiles.load(" ")).containsOnlyKeys(shipped.keySet().toArray(String[]::new));
        assertThat(shipped.get("lucius").definition().tools()).contains("github_*", "workspace_*");
        assertThat(shipped.get("reviewer-security").definition().tools())
                .containsExactly("github_get_pull_request_diff");
        assertThat(shipped.get("oracle").definition().promptTokenBudget()).isEqualTo(16_000);
        assertThat(shipped.get("alfred").file()).contains("alfred.yml");
        assertThat(shipped.values()).allSatisfy(loaded -> assertThat(loaded.definition().model()).isNull());
    }

    @Test
    void aFolderLoadsItsYamlFilesInNameOrderAndIgnoresTheRest(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("b-lucius.yaml"), LUCIUS);
        Files.writeString(folder.resolve("a-alfred.yml"), LUCIUS.replace("name: lucius", "name: alfred"));
        Files.writeString(folder.resolve("README.md"), "not an agent");

        Map<String, AgentFiles.Loaded> agents = AgentFiles.load(folder.toString());

        assertThat(agents.keySet()).containsExactly("alfred", "lucius");
        assertThat(agents.get("lucius").file()).isEqualTo(folder.resolve("b-lucius.yaml").toString());
    }

    @Test
    void aFileInTheFolderIsReportedByItsPath(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("lucius.yml");
        Files.writeString(file, withLine(4, "modle: gpt-4o"));

        assertThatThrownBy(() -> AgentFiles.load(folder.toString()))
                .hasMessageStartingWith(file + " line 4: unknown key 'modle'");
    }

    @Test
    void theAgentsDirectoryMustBeAFolder(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("alfred.yml"), LUCIUS);

        assertThatThrownBy(() -> AgentFiles.load(file.toString()))
                .isInstanceOf(AgentFileException.class)
                .hasMessage(file + ": ALFRED_AGENTS_DIR is not a folder");
        assertThatThrownBy(() -> AgentFiles.load(folder.resolve("missing").toString()))
                .hasMessageEndingWith("missing: ALFRED_AGENTS_DIR is not a folder");
    }

    @Test
    void theAgentsDirectoryMustHoldAgentFiles(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("notes.txt"), LUCIUS);
        Files.createDirectory(folder.resolve("nested.yml"));

        assertThatThrownBy(() -> AgentFiles.load(folder.toString()))
                .isInstanceOf(AgentFileException.class)
                .hasMessage(folder + ": ALFRED_AGENTS_DIR holds no *.yml or *.yaml files");
    }

    @Test
    void theShortModelFormIsAModelOfTheOpenAiCompatibleProvider() {
        AgentDefinition agent = lucius(withLine(4, "model: gpt-4o"));

        assertThat(agent.model()).isEqualTo(new ModelChoice("openai", "gpt-4o"));
        assertThat(agent.modelOrDefault().toString()).isEqualTo("openai/gpt-4o");
    }

    @Test
    void theLongModelFormNormalisesTheProviderAndLeavesTheNameToTheDefaultWhenUnset() {
        AgentDefinition agent = lucius(withLine(4, "model: {provider: ' Anthropic ', name: claude-sonnet-4-5}")
                + "fallback: {provider: ollama}\n");

        assertThat(agent.model()).isEqualTo(new ModelChoice("anthropic", "claude-sonnet-4-5"));
        assertThat(agent.fallback()).isEqualTo(new ModelChoice("ollama", null));
        assertThat(lucius(withLine(4, "")).modelOrDefault()).isEqualTo(ModelChoice.configuredDefault());
    }

    @Test
    void unsetLimitsFallBackToTheirDefaults() {
        AgentDefinition agent = lucius(withLine(6, ""));

        assertThat(agent.maxSteps()).isNull();
        assertThat(agent.budgetUsd()).isNull();
        assertThat(agent.promptTokenBudget()).isEqualTo(AgentDefinition.DEFAULT_MAX_PROMPT_TOKENS);
    }

    @Test
    void aSingleToolNameNeedsNoBrackets() {
        assertThat(lucius(withLine(5, "tools: http_get")).tools()).containsExactly("http_get");
        assertThat(lucius(withLine(5, "")).tools()).isEmpty();
    }

    @Test
    void toolGlobsMatchAnyRunOfCharactersAndNothingElse() {
        AgentDefinition agent = lucius(withLine(5, "tools: [github_*, http_get, 'scratch.pad']"));

        assertThat(agent.allows("github_get_issue")).isTrue();
        assertThat(agent.allows("github_")).isTrue();
        assertThat(agent.allows("http_get")).isTrue();
        assertThat(agent.allows("http_get_all")).isFalse();
        assertThat(agent.allows("my_github_tool")).isFalse();
        assertThat(agent.allows("scratch.pad")).isTrue();
        assertThat(agent.allows("scratchXpad")).as("a dot is no wildcard").isFalse();
        assertThat(lucius(withLine(5, "tools: ['*']")).allows("anything_at_all")).isTrue();
        assertThat(lucius(withLine(5, "tools: []")).allows("http_get")).isFalse();
    }

    @Test
    void theCatalogNeedsTheBoss() {
        ToolRegistry registry = registry("http_get");

        assertThatThrownBy(() -> new AgentCatalog(parse(FILE, withLine(5, "tools: [http_get]")), registry))
                .isInstanceOf(AgentFileException.class)
                .hasMessageStartingWith(FILE + ": no agent is named 'alfred'");
    }

    @Test
    void anExactToolNameThatDoesNotExistStopsTheCatalog() {
        Map<String, AgentFiles.Loaded> agents = parse("agents/alfred.yml", alfred("[http_get, delegate]"));

        assertThatThrownBy(() -> new AgentCatalog(agents, registry("http_get", "scratchpad_read")))
                .isInstanceOf(AgentFileException.class)
                .hasMessage("agents/alfred.yml: tools: 'delegate' names no tool (available: http_get, "
                        + "scratchpad_read)");
    }

    @Test
    void aGlobMatchingNoToolIsAccepted() {
        Map<String, AgentFiles.Loaded> agents = parse("agents/alfred.yml", alfred("[http_get, github_*]"));

        AgentCatalog catalog = new AgentCatalog(agents, registry("http_get"));

        assertThat(catalog.toolNames(catalog.boss())).containsExactly("http_get");
    }

    @Test
    void mcpToolNamesAndGlobsWaitForTheirServersInsteadOfStoppingTheCatalog() {
        Map<String, AgentFiles.Loaded> agents = parse("agents/alfred.yml",
                alfred("[http_get, 'mcp__*', mcp__linear__list_issues]"));
        ToolSource later = new ToolSource() {
            @Override
            public Map<String, Tool> tools() {
                return Map.of();
            }

            @Override
            public boolean mayOffer(String pattern) {
                return pattern.startsWith("mcp__");
            }
        };

        AgentCatalog catalog = new AgentCatalog(agents, new ToolRegistry(List.of(new NamedTool("http_get")),
                List.of(later)));

        assertThat(catalog.toolNames(catalog.boss())).containsExactly("http_get");
    }

    /** @return a tool source that offers what {@code offered} holds at each look-up, and may offer any name */
    private static ToolSource offering(java.util.concurrent.atomic.AtomicReference<Map<String, Tool>> offered) {
        return new ToolSource() {
            @Override
            public Map<String, Tool> tools() {
                return offered.get();
            }

            @Override
            public boolean mayOffer(String pattern) {
                return true;
            }
        };
    }

    @Test
    void toolsOfASourceAreFoundListedAndAllowedByGlobAsTheyComeAndGo() {
        Map<String, AgentFiles.Loaded> agents = parse("agents/alfred.yml", alfred("[http_get, 'mcp__s__*']"));
        java.util.concurrent.atomic.AtomicReference<Map<String, Tool>> offered = new java.util.concurrent.atomic
                .AtomicReference<>(Map.of());
        ToolSource source = offering(offered);
        ToolRegistry registry = new ToolRegistry(List.of(new NamedTool("http_get")), List.of(source));
        AgentCatalog catalog = new AgentCatalog(agents, registry);

        offered.set(Map.of("mcp__s__a", new NamedTool("mcp__s__a"), "mcp__t__b", new NamedTool("mcp__t__b")));

        assertThat(registry.names()).containsExactly("http_get", "mcp__s__a", "mcp__t__b");
        assertThat(registry.find("mcp__s__a")).isPresent();
        assertThat(catalog.toolNames(catalog.boss())).containsExactly("http_get", "mcp__s__a");
        offered.set(Map.of());
        assertThat(registry.find("mcp__s__a")).isEmpty();
        assertThat(catalog.toolNames(catalog.boss())).containsExactly("http_get");
    }

    @Test
    void anAgentsSpecificationsAndTheTiersAreBuiltOnceAndAgainWhenASourceReplacesItsTools() {
        Map<String, AgentFiles.Loaded> agents = parse("agents/alfred.yml", alfred("[http_get, 'mcp__s__*']"));
        java.util.concurrent.atomic.AtomicReference<Map<String, Tool>> offered = new java.util.concurrent.atomic
                .AtomicReference<>(Map.of("mcp__s__a", new NamedTool("mcp__s__a")));
        ToolSource source = offering(offered);
        ToolRegistry registry = new ToolRegistry(List.of(new NamedTool("http_get")), List.of(source));
        AgentCatalog catalog = new AgentCatalog(agents, registry);
        List<ToolSpec> first = catalog.toolSpecifications(catalog.boss());
        Map<String, RiskTier> tiers = registry.tiers();

        assertThat(catalog.toolSpecifications(catalog.boss())).isSameAs(first);
        assertThat(registry.tiers()).isSameAs(tiers);
        offered.set(Map.of("mcp__s__a", new NamedTool("mcp__s__a"), "mcp__s__b", new NamedTool("mcp__s__b")));

        assertThat(catalog.toolSpecifications(catalog.boss())).extracting(ToolSpec::name)
                .containsExactly("http_get", "mcp__s__a", "mcp__s__b");
        assertThat(registry.tiers()).containsOnlyKeys("http_get", "mcp__s__a", "mcp__s__b");
        assertThat(first).extracting(ToolSpec::name).containsExactly("http_get", "mcp__s__a");
    }

    @Test
    void toolSpecificationsAreTheAgentsToolsSortedByName() {
        Map<String, AgentFiles.Loaded> agents = parse(
                "agents/alfred.yml", alfred("['*']"),
                FILE, LUCIUS,
                "agents/oracle.yml", LUCIUS.replace("lucius", "oracle").replace("[github_*, http_get]", "[]"));
        AgentCatalog catalog = new AgentCatalog(agents,
                registry("http_get", "github_open_pull_request", "slack_post_message", "github_get_issue"));

        assertThat(catalog.toolSpecifications(catalog.resolve("lucius"))).extracting(ToolSpec::name)
                .containsExactly("github_get_issue", "github_open_pull_request", "http_get");
        assertThat(catalog.toolSpecifications(catalog.boss())).extracting(ToolSpec::name)
                .containsExactly("github_get_issue", "github_open_pull_request", "http_get", "slack_post_message");
        assertThat(catalog.toolSpecifications(catalog.resolve("oracle"))).isEmpty();
        assertThat(catalog.toolSpecifications(catalog.boss()).get(0).description())
                .isEqualTo("Does github_get_issue. Risk tier: read.");
    }

    @Test
    void theCatalogListsTheBossFirstAndResolvesRemovedAgentsToIt() {
        Map<String, AgentFiles.Loaded> agents = parse(
                "agents/oracle.yml", LUCIUS.replace("lucius", "oracle"),
                FILE, LUCIUS,
                "agents/alfred.yml", alfred("[http_get]"));
        AgentCatalog catalog = new AgentCatalog(agents, registry("http_get", "github_get_issue"));

        assertThat(catalog.names()).containsExactly("alfred", "lucius", "oracle");
        assertThat(catalog.resolve("bane").name()).isEqualTo("alfred");
        assertThat(catalog.find("bane")).isEmpty();
    }

    private static String alfred(String tools) {
        return LUCIUS.replace("name: lucius", "name: alfred").replace("[github_*, http_get]", tools);
    }

    private static ToolRegistry registry(String... names) {
        return new ToolRegistry(Arrays.stream(names).<Tool>map(NamedTool::new).toList());
    }

    /** A tool that only has a name. */
    private record NamedTool(String name) implements Tool {
        @Override
        public String description() {
            return "Does " + name + ".";
        }

        @Override
        public ObjectNode parameters() {
            return ToolSchema.builder().build();
        }

        @Override
        public RiskTier tier() {
            return RiskTier.READ;
        }

        @Override
        public ToolResult execute(JsonNode arguments, ToolContext context) {
            return ToolResult.ok(name);
        }
    }
}
