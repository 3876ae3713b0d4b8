package dev.alfred.bot.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the environment variables of DESIGN.md section 4 into Micronaut properties. A pure function of the
 * variables and the user's home directory, so the launcher, the demo and tests build configuration the same way.
 */
public final class AlfredSettings {
    /** H2 options that make the embedded database speak PostgreSQL's SQL with lower-case names. */
    static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    /**
     * For an H2 file: write each commit to the file as it happens. H2's default {@code WRITE_DELAY} of 500 ms keeps
     * commits in memory for up to half a second, so a {@code kill -9} lost runs whose slash commands had been
     * acknowledged ({@code AckDurabilityIT}); with 0 every transaction's commit writes the store
     * (<a href="https://h2database.com/html/commands.html#set_write_delay">H2, SET WRITE_DELAY</a>). And leave the
     * closing to Alfred: H2's own shutdown hook ({@code DB_CLOSE_ON_EXIT=TRUE}, its default) closed the database on
     * SIGTERM before Alfred's shutdown gave back its runs' leases ("Database is already closed"), so a graceful stop
     * left them to lapse; with {@code FALSE} the database closes with the connection pool, last
     * (<a href="https://h2database.com/html/features.html#closing_a_database">H2, Closing a Database</a>).
     */
    static final String H2_FILE_OPTIONS = ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

    private final Map<String, String> env;
    private final Path userHome;

    /**
     * @param env      the environment, e.g. {@code System.getenv()}
     * @param userHome the user's home directory, for the default {@code ALFRED_HOME} of {@code ~/.alfred}
     */
    public AlfredSettings(Map<String, String> env, Path userHome) {
        this.env = env;
        this.userHome = userHome;
    }

    /** @return {@code ALFRED_HOME}, default {@code ~/.alfred} */
    public Path home() {
        String home = value("ALFRED_HOME");
        return home == null ? userHome.resolve(".alfred") : Path.of(home);
    }

    /** @return the JDBC URL: {@code ALFRED_DB_URL}, or an H2 file database under {@code ALFRED_HOME/db} */
    public String databaseUrl() {
        String url = value("ALFRED_DB_URL");
        if (url == null) {
            return withH2Options("jdbc:h2:file:" + home().resolve("db").resolve("alfred").toAbsolutePath());
        }
        return withH2Options(url);
    }

    /**
     * @return the variables {@code serve} needs but lacks, e.g. {@code [SLACK_BOT_TOKEN]}; empty when it can start.
     *     {@code SLACK_SIGNING_SECRET} is not needed with {@code SLACK_APP_TOKEN}: Socket Mode requests are not
     *     signed (without a secret, {@code POST /slack/events} refuses every request as unsigned)
     */
    public List<String> missingForServe() {
        List<String> missing = new ArrayList<>();
        List<String> needed = value("SLACK_APP_TOKEN") == null ? List.of("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
                : List.of("SLACK_BOT_TOKEN");
        for (String name : needed) {
            if (value(name) == null) {
                missing.add(name);
            }
        }
        return missing;
    }

    /** @return Micronaut properties for these variables */
    public Map<String, Object> toProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("micronaut.server.port", Integer.parseInt(valueOr("PORT", "3000")));
        properties.put("alfred.home", home().toString());
        properties.put("datasources.default.url", databaseUrl());
        properties.put("datasources.default.username", valueOr("ALFRED_DB_USER", databaseUrl().startsWith("jdbc:h2:")
                ? "sa" : "alfred"));
        properties.put("datasources.default.password", valueOr("ALFRED_DB_PASSWORD", ""));
        putIfSet(properties, "alfred.slack.bot-token", "SLACK_BOT_TOKEN");
        putIfSet(properties, "alfred.slack.signing-secret", "SLACK_SIGNING_SECRET");
        putIfSet(properties, "alfred.slack.api-url", "SLACK_API_URL");
        putIfSet(properties, "alfred.slack.app-token", "SLACK_APP_TOKEN");
        putIfSet(properties, "alfred.model.base-url", "OPENAI_BASE_URL");
        putIfSet(properties, "alfred.model.api-key", "OPENAI_API_KEY");
        putIfSet(properties, "alfred.model.name", "ALFRED_MODEL");
        putIfSet(properties, "alfred.model.anthropic-api-key", "ANTHROPIC_API_KEY");
        putIfSet(properties, "alfred.model.anthropic-base-url", "ANTHROPIC_BASE_URL");
        putIfSet(properties, "alfred.model.ollama-base-url", "OLLAMA_BASE_URL");
        putIfSet(properties, "alfred.policies.dir", "ALFRED_POLICIES_DIR");
        putIfSet(properties, "alfred.agents.dir", "ALFRED_AGENTS_DIR");
        putIfSet(properties, "alfred.spend.prices", "ALFRED_MODEL_PRICES");
        putIfSet(properties, "alfred.github.token", "GITHUB_TOKEN");
        putIfSet(properties, "alfred.github.api-url", "GITHUB_API_URL");
        putIfSet(properties, "alfred.mcp.config", "ALFRED_MCP_CONFIG");
        putIfSet(properties, "alfred.github.webhook.secret", "ALFRED_GITHUB_WEBHOOK_SECRET");
        putIfSet(properties, "alfred.github.webhook.channel", "ALFRED_GITHUB_CHANNEL");
        putIfSet(properties, "alfred.github.webhook.requester", "ALFRED_GITHUB_REQUESTER");
        putIfSet(properties, "alfred.triggers.dir", "ALFRED_TRIGGERS_DIR");
        putIfSet(properties, "alfred.http.allow", "ALFRED_HTTP_ALLOW");
        putIfSet(properties, "alfred.workspace.git-url", "ALFRED_GIT_URL");
        putIfSet(properties, "alfred.sandbox.mode", "ALFRED_SANDBOX");
        return properties;
    }

    /**
     * @return the URL, with {@link #H2_OPTIONS} appended when it is an H2 URL that lacks a compatibility mode, and
     *         before them {@link #H2_FILE_OPTIONS} when it is an H2 file (not {@code mem:}) URL that sets neither a
     *         write delay nor {@code DB_CLOSE_ON_EXIT}
     */
    public static String withH2Options(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String upper = url.toUpperCase();
        String file = upper.startsWith("JDBC:H2:MEM:") || upper.contains(";WRITE_DELAY=")
                || upper.contains(";DB_CLOSE_ON_EXIT=") ? "" : H2_FILE_OPTIONS;
        return upper.contains(";MODE=") ? url : url + file + H2_OPTIONS;
    }

    private void putIfSet(Map<String, Object> properties, String property, String variable) {
        String value = value(variable);
        if (value != null) {
            properties.put(property, value);
        }
    }

    private String valueOr(String name, String fallback) {
        String value = value(name);
        return value == null ? fallback : value;
    }

    private String value(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
