package dev.alfred.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlfredSettingsTest {
    private static final Path USER_HOME = Path.of("/home/ada");

    @Test
    void defaultsToAnEmbeddedH2FileUnderTildeDotAlfredOnPort3000() {
        Map<String, Object> properties = new AlfredSettings(Map.of(), USER_HOME).toProperties();

        assertThat(properties).containsEntry("micronaut.server.port", 3000)
                .containsEntry("alfred.home", "/home/ada/.alfred")
                .containsEntry("datasources.default.url", "jdbc:h2:file:/home/ada/.alfred/db/alfred"
                        + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")
                .doesNotContainKeys("alfred.model.base-url", "alfred.slack.bot-token", "alfred.github.token",
                        "alfred.github.api-url");
    }

    @Test
    void gitHubTokenAndEnterpriseApiUrlBecomeGitHubProperties() {
        Map<String, String> env = Map.of("GITHUB_TOKEN", " ghp_secret ", "GITHUB_API_URL",
                "https://github.example.com/api/v3");

        Map<String, Object> properties = new AlfredSettings(env, USER_HOME).toProperties();

        assertThat(properties).containsEntry("alfred.github.token", "ghp_secret")
                .containsEntry("alfred.github.api-url", "https://github.example.com/api/v3");
    }

    @Test
    void theMcpServersFileBecomesAProperty() {
        Map<String, Object> properties = new AlfredSettings(Map.of("ALFRED_MCP_CONFIG", "/etc/alfred/mcp.json"),
                USER_HOME).toProperties();

        assertThat(properties).containsEntry("alfred.mcp.config", "/etc/alfred/mcp.json");
        assertThat(new AlfredSettings(Map.of(), USER_HOME).toProperties()).doesNotContainKey("alfred.mcp.config");
    }

    @Test
    void theGitUrlPrefixAndTheSandboxModeBecomeWorkspaceProperties() {
        Map<String, String> env = Map.of("ALFRED_GIT_URL", "file:///srv/git/", "ALFRED_SANDBOX", "none");

        Map<String, Object> properties = new AlfredSettings(env, USER_HOME).toProperties();

        assertThat(properties).containsEntry("alfred.workspace.git-url", "file:///srv/git/")
                .containsEntry("alfred.sandbox.mode", "none");
        assertThat(new AlfredSettings(Map.of(), USER_HOME).toProperties())
                .doesNotContainKeys("alfred.workspace.git-url", "alfred.sandbox.mode");
    }

    @Test
    void agentFoldersAndTheOtherProvidersBecomeProperties() {
        Map<String, String> env = Map.of("ALFRED_AGENTS_DIR", "/etc/alfred/agents", "ANTHROPIC_API_KEY", "sk-ant",
                "ANTHROPIC_BASE_URL", "https://proxy.example.com/v1", "OLLAMA_BASE_URL", "http://gpu-box:11434");

        Map<String, Object> properties = new AlfredSettings(env, USER_HOME).toProperties();

        assertThat(properties).containsEntry("alfred.agents.dir", "/etc/alfred/agents")
                .containsEntry("alfred.model.anthropic-api-key", "sk-ant")
                .containsEntry("alfred.model.anthropic-base-url", "https://proxy.example.com/v1")
                .containsEntry("alfred.model.ollama-base-url", "http://gpu-box:11434");
    }

    @Test
    void environmentVariablesBecomeProperties() {
        Map<String, String> env = Map.of("PORT", "8080", "ALFRED_HOME", "/srv/alfred",
                "ALFRED_DB_URL", "jdbc:postgresql://db:5432/alfred", "ALFRED_DB_USER", "bot",
                "ALFRED_DB_PASSWORD", "pw", "SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s3",
                "SLACK_API_URL", "http://127.0.0.1:9/api/", "OPENAI_BASE_URL", "http://llm/v1",
                "ALFRED_MODEL", "qwen");

        Map<String, Object> properties = new AlfredSettings(env, USER_HOME).toProperties();

        assertThat(properties).containsEntry("micronaut.server.port", 8080)
                .containsEntry("datasources.default.url", "jdbc:postgresql://db:5432/alfred")
                .containsEntry("datasources.default.username", "bot")
                .containsEntry("datasources.default.password", "pw")
                .containsEntry("alfred.slack.bot-token", "xoxb-1")
                .containsEntry("alfred.slack.signing-secret", "s3")
                .containsEntry("alfred.slack.api-url", "http://127.0.0.1:9/api/")
                .containsEntry("alfred.model.base-url", "http://llm/v1")
                .containsEntry("alfred.model.name", "qwen");
    }

    @Test
    void appTokenBecomesTheSocketModeProperty() {
        Map<String, Object> properties = new AlfredSettings(Map.of("SLACK_APP_TOKEN", " xapp-1-A1-1-abc "), USER_HOME)
                .toProperties();

        assertThat(properties).containsEntry("alfred.slack.app-token", "xapp-1-A1-1-abc");
        assertThat(new AlfredSettings(Map.of(), USER_HOME).toProperties()).doesNotContainKey("alfred.slack.app-token");
    }

    @Test
    void serveOverSocketModeNeedsTheBotTokenButNoSigningSecret() {
        assertThat(new AlfredSettings(Map.of("SLACK_APP_TOKEN", "xapp-1"), USER_HOME).missingForServe())
                .containsExactly("SLACK_BOT_TOKEN");
        assertThat(new AlfredSettings(Map.of("SLACK_APP_TOKEN", "xapp-1", "SLACK_BOT_TOKEN", "xoxb-1"), USER_HOME)
                .missingForServe()).isEmpty();
        assertThat(new AlfredSettings(Map.of("SLACK_APP_TOKEN", " ", "SLACK_BOT_TOKEN", "xoxb-1"), USER_HOME)
                .missingForServe()).containsExactly("SLACK_SIGNING_SECRET");
    }

    @Test
    void anH2FileUrlWritesEachCommitAtOnceAndAMemoryOneIsLeftAlone() {
        assertThat(AlfredSettings.withH2Options("jdbc:h2:file:/data/a")).contains(";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(AlfredSettings.withH2Options("jdbc:h2:file:/data/a;WRITE_DELAY=200")).contains(";WRITE_DELAY=200")
                .doesNotContain(";WRITE_DELAY=0");
        assertThat(AlfredSettings.withH2Options("jdbc:h2:mem:x")).doesNotContain("WRITE_DELAY");
    }

    @Test
    void anH2UrlWithoutACompatibilityModeGetsPostgresMode() {
        assertThat(AlfredSettings.withH2Options("jdbc:h2:file:/data/a")).endsWith(";MODE=PostgreSQL"
                + ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        assertThat(AlfredSettings.withH2Options("jdbc:h2:mem:x;MODE=PostgreSQL")).isEqualTo(
                "jdbc:h2:mem:x;MODE=PostgreSQL");
    }

    @Test
    void serveNeedsTheBotTokenAndSigningSecret() {
        assertThat(new AlfredSettings(Map.of(), USER_HOME).missingForServe())
                .containsExactly("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET");
        assertThat(new AlfredSettings(Map.of("SLACK_BOT_TOKEN", "x", "SLACK_SIGNING_SECRET", " "), USER_HOME)
                .missingForServe()).containsExactly("SLACK_SIGNING_SECRET");
    }
}
