package dev.alfred.agents.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alfred.policies.RiskTier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpConfigFileTest {
    private static final Map<String, String> ENV = Map.of("MY_TOKEN", "tok-123456", "LINEAR_TOKEN", "lin-abcdef",
            "EMPTY", "");

    /** DESIGN.md section 4's example, word for word. */
    private static final String DESIGN_EXAMPLE = """
            {"mcpServers": {
              "everything": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-everything"],
                             "env": {"TOKEN": "${MY_TOKEN}"}},
              "linear": {"url": "https://mcp.linear.app/mcp", "headers": {"Authorization": "Bearer ${LINEAR_TOKEN}"},
                         "tiers": {"list_issues": "read", "*": "write"}}}}
            """;

    @Test
    void theDesignExampleReadsAsOneStdioAndOneHttpServerWithVariablesExpanded() {
        List<McpServerConfig> servers = McpConfigFile.parse(DESIGN_EXAMPLE, "mcp.json", ENV);

        assertThat(servers).extracting(McpServerConfig::name).containsExactly("everything", "linear");
        McpServerConfig everything = servers.get(0);
        assertThat(everything.stdio()).isTrue();
        assertThat(everything.command()).isEqualTo("npx");
        assertThat(everything.args()).containsExactly("-y", "@modelcontextprotocol/server-everything");
        assertThat(everything.env()).isEqualTo(Map.of("TOKEN", "tok-123456"));
        assertThat(everything.secrets()).containsExactly("tok-123456");
        McpServerConfig linear = servers.get(1);
        assertThat(linear.stdio()).isFalse();
        assertThat(linear.url()).isEqualTo(URI.create("https://mcp.linear.app/mcp"));
        assertThat(linear.headers()).isEqualTo(Map.of("Authorization", "Bearer lin-abcdef"));
        assertThat(linear.tiers()).isEqualTo(Map.of("list_issues", RiskTier.READ, "*", RiskTier.WRITE));
        assertThat(linear.secrets()).containsExactlyInAnyOrder("lin-abcdef", "Bearer lin-abcdef");
    }

    @Test
    void aMissingVariableIsAnErrorNamingTheFileTheServerTheVariableAndWhereItIsUsed() {
        assertThatThrownBy(() -> McpConfigFile.parse(DESIGN_EXAMPLE, "mcp.json", Map.of("MY_TOKEN", "x")))
                .isInstanceOf(McpConfigException.class)
                .hasMessage("mcp.json: server 'linear': the environment variable LINEAR_TOKEN is not set (used in "
                        + "headers.Authorization)");
    }

    @Test
    void aDefaultStandsInForAnUnsetOrEmptyVariableAndIsNoSecret() {
        List<McpServerConfig> servers = McpConfigFile.parse("""
                {"mcpServers": {"s": {"command": "${NOPE:-node}", "args": ["${EMPTY:-server.js}", "--token=${MY_TOKEN}"],
                                      "cwd": "${NOPE:-/srv}"}}}""", "mcp.json", ENV);

        assertThat(servers.get(0).command()).isEqualTo("node");
        assertThat(servers.get(0).args()).containsExactly("server.js", "--token=tok-123456");
        assertThat(servers.get(0).cwd()).isEqualTo("/srv");
        assertThat(servers.get(0).secrets()).containsExactly("tok-123456");
    }

    @Test
    void secretsAppearInNeitherToStringNorDescribe() {
        List<McpServerConfig> servers = McpConfigFile.parse("""
                {"mcpServers": {"s": {"command": "server", "args": ["--token", "${MY_TOKEN}"]},
                                "h": {"url": "https://user:pw@mcp.example.com:8443/mcp?key=${LINEAR_TOKEN}",
                                      "headers": {"Authorization": "Bearer ${LINEAR_TOKEN}"}}}}""", "mcp.json", ENV);

        assertThat(servers.get(0).describe()).isEqualTo("server --token ****");
        assertThat(servers.get(1).describe()).isEqualTo("https://mcp.example.com:8443/mcp");
        assertThat(servers).allSatisfy(server -> assertThat(server.toString()).doesNotContain("tok-123456",
                "lin-abcdef"));
    }

    @Test
    void disabledServersAreSkippedUnexpandedAndTheTypeKeyIsAccepted() {
        List<McpServerConfig> servers = McpConfigFile.parse("""
                {"mcpServers": {"off": {"command": "${UNSET}", "disabled": true},
                                "on": {"type": "http", "url": "http://127.0.0.1:3001/mcp", "autoApprove": []}}}""",
                "mcp.json", ENV);

        assertThat(servers).extracting(McpServerConfig::name).containsExactly("on");
    }

    @Test
    void badEntriesAreErrorsNamingTheServer() {
        assertThatThrownBy(() -> parse("{\"s\": {\"command\": \"a\", \"url\": \"http://x/\"}}"))
                .hasMessage("mcp.json: server 's' needs either \"command\" (stdio) or \"url\" (Streamable HTTP), "
                        + "not both");
        assertThatThrownBy(() -> parse("{\"s\": {}}")).hasMessageContaining("not neither");
        assertThatThrownBy(() -> parse("{\"s\": {\"url\": \"ftp://x/\"}}"))
                .hasMessage("mcp.json: server 's': \"url\" is not an absolute http:// or https:// URL");
        assertThatThrownBy(() -> parse("{\"s\": {\"type\": \"sse\", \"url\": \"http://x/sse\"}}"))
                .hasMessageContaining("server 's': the SSE transport is deprecated");
        assertThatThrownBy(() -> parse("{\"s\": {\"command\": \"a\", \"tiers\": {\"x\": \"risky\"}}}"))
                .hasMessageStartingWith("mcp.json: server 's': tiers.x: unknown risk tier 'risky'");
        assertThatThrownBy(() -> parse("{\"s\": {\"command\": \"a\", \"args\": \"-y\"}}"))
                .hasMessage("mcp.json: server 's': \"args\" must be an array of strings");
        assertThatThrownBy(() -> McpConfigFile.parse("{\"servers\": {}}", "mcp.json", ENV))
                .hasMessageStartingWith("mcp.json has no \"mcpServers\" object");
        assertThatThrownBy(() -> McpConfigFile.parse("{", "mcp.json", ENV))
                .hasMessageStartingWith("mcp.json is not valid JSON");
    }

    @Test
    void aFileThatCannotBeReadIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mcp.json");
        assertThatThrownBy(() -> McpConfigFile.load(file, ENV)).isInstanceOf(McpConfigException.class)
                .hasMessageStartingWith("ALFRED_MCP_CONFIG " + file + " cannot be read");

        Files.writeString(file, DESIGN_EXAMPLE);
        assertThat(McpConfigFile.load(file, ENV)).hasSize(2);
    }

    private static List<McpServerConfig> parse(String servers) {
        return McpConfigFile.parse("{\"mcpServers\": " + servers + "}", "mcp.json", ENV);
    }
}
