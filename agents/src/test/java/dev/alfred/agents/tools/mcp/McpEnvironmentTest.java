package dev.alfred.agents.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class McpEnvironmentTest {

    @Test
    void aChildGetsPathHomeLangAndItsOwnEnvAndNoneOfAlfredsSecrets() {
        Map<String, String> alfred = Map.of("PATH", "/usr/bin", "HOME", "/home/alfred", "LANG", "C.UTF-8",
                "SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s", "OPENAI_API_KEY", "sk-1",
                "GITHUB_TOKEN", "ghp_1", "ALFRED_DB_PASSWORD", "pw", "USER", "alfred", "SHELL", "/bin/bash");

        Map<String, String> child = McpEnvironment.forChild(alfred, Map.of("TOKEN", "t", "HOME", "/srv/mcp"));

        assertThat(child).isEqualTo(Map.of("PATH", "/usr/bin", "HOME", "/srv/mcp", "LANG", "C.UTF-8", "TOKEN", "t"));
    }

    @Test
    void unsetInheritedVariablesAreLeftOut() {
        assertThat(McpEnvironment.forChild(Map.of("PATH", "/bin"), Map.of())).isEqualTo(Map.of("PATH", "/bin"));
    }
}
