package dev.alfred.agents.tools.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.policies.RiskTier;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@code mcpServers} file that MCP clients share (Claude Desktop, Claude Code, Cursor):
 * <pre>
 * {"mcpServers": {
 *   "everything": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-everything"],
 *                  "env": {"TOKEN": "${MY_TOKEN}"}, "cwd": "/srv/mcp"},
 *   "linear": {"url": "https://mcp.linear.app/mcp", "headers": {"Authorization": "Bearer ${LINEAR_TOKEN}"},
 *              "tiers": {"list_issues": "read", "*": "write"}}}}
 * </pre>
 * A server has {@code command} (stdio) or {@code url} (Streamable HTTP). {@code type} may say which ({@code stdio},
 * {@code http}, {@code streamable-http}); {@code sse}, the deprecated transport, is refused. {@code "disabled": true}
 * skips a server. Other keys are logged and ignored. In {@code command}, {@code args}, {@code env} values,
 * {@code cwd}, {@code url} and {@code headers} values, {@code ${VAR}} is replaced by the environment variable and
 * {@code ${VAR:-default}} by the variable, or the default when it is unset or empty (Claude Code's syntax).
 */
public final class McpConfigFile {
    private static final Logger LOG = LoggerFactory.getLogger(McpConfigFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final Set<String> KEYS = Set.of("type", "command", "args", "env", "cwd", "url", "headers",
            "tiers", "disabled");

    private McpConfigFile() {
    }

    /**
     * @param file        the JSON file ({@code ALFRED_MCP_CONFIG})
     * @param environment the variables {@code ${VAR}} is expanded from, e.g. {@code System.getenv()}
     * @return the enabled servers, in file order
     * @throws McpConfigException when the file cannot be read or used; the message names the file, the server and
     *                            the variable where one is at fault
     */
    public static List<McpServerConfig> load(Path file, Map<String, String> environment) {
        try {
            return parse(Files.readString(file), file.toString(), environment);
        } catch (IOException e) {
            throw new McpConfigException("ALFRED_MCP_CONFIG " + file + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * @param json   the file's content
     * @param source the file's name, for messages
     * @return the enabled servers, in file order
     * @throws McpConfigException as for {@link #load}
     */
    public static List<McpServerConfig> parse(String json, String source, Map<String, String> environment) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new McpConfigException(source + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("mcpServers").isObject()) {
            throw new McpConfigException(source + " has no \"mcpServers\" object: expected {\"mcpServers\": "
                    + "{\"<name>\": {\"command\": …} or {\"url\": …}}}");
        }
        List<McpServerConfig> servers = new ArrayList<>();
        root.path("mcpServers").fields().forEachRemaining(entry -> {
            Server server = new Server(source, entry.getKey(), entry.getValue(), environment);
            if (!entry.getValue().path("disabled").asBoolean(false)) {
                servers.add(server.read());
            }
        });
        return servers;
    }

    /** One server's entry being read; collects the secrets its expansions produce. */
    private static final class Server {
        private final String where;
        private final String name;
        private final JsonNode node;
        private final Map<String, String> environment;
        private final Set<String> secrets = new HashSet<>();

        Server(String source, String name, JsonNode node, Map<String, String> environment) {
            this.where = source + ": server '" + name + "'";
            this.name = name;
            this.node = node;
            this.environment = environment;
            if (name.isBlank() || !node.isObject()) {
                throw new McpConfigException(where + " must be a non-empty name with an object");
            }
            node.fieldNames().forEachRemaining(key -> {
                if (!KEYS.contains(key)) {
                    LOG.warn("{}: the key '{}' is not used by Alfred and is ignored", where, key);
                }
            });
        }

        McpServerConfig read() {
            String type = node.path("type").asText("");
            if (type.equalsIgnoreCase("sse")) {
                throw new McpConfigException(where + ": the SSE transport is deprecated and not supported; use "
                        + "the server's Streamable HTTP endpoint (\"url\") or stdio (\"command\")");
            }
            String command = optional("command");
            String url = optional("url");
            if ((command == null) == (url == null)) {
                throw new McpConfigException(where + " needs either \"command\" (stdio) or \"url\" (Streamable "
                        + "HTTP), not " + (command == null ? "neither" : "both"));
            }
            Map<String, String> headers = strings("headers");
            secrets.addAll(headers.values());
            return new McpServerConfig(name, command, list("args"), strings("env"), optional("cwd"),
                    url == null ? null : uri(url), headers, tiers(), secrets);
        }

        private String optional(String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                throw new McpConfigException(where + ": \"" + key + "\" must be a non-empty string");
            }
            return expand(value.asText(), key);
        }

        private List<String> list(String key) {
            List<String> values = new ArrayList<>();
            JsonNode array = node.path(key);
            if (!array.isMissingNode() && !array.isArray()) {
                throw new McpConfigException(where + ": \"" + key + "\" must be an array of strings");
            }
            for (int i = 0; i < array.size(); i++) {
                if (!array.get(i).isValueNode()) {
                    throw new McpConfigException(where + ": \"" + key + "\" must be an array of strings");
                }
                values.add(expand(array.get(i).asText(), key + "[" + i + "]"));
            }
            return values;
        }

        private Map<String, String> strings(String key) {
            Map<String, String> values = new LinkedHashMap<>();
            JsonNode object = node.path(key);
            if (!object.isMissingNode() && !object.isObject()) {
                throw new McpConfigException(where + ": \"" + key + "\" must be an object of strings");
            }
            object.fields().forEachRemaining(field -> {
                if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                    throw new McpConfigException(where + ": \"" + key + "." + field.getKey() + "\" must be a string");
                }
                values.put(field.getKey(), expand(field.getValue().asText(), key + "." + field.getKey()));
            });
            return values;
        }

        private Map<String, RiskTier> tiers() {
            Map<String, RiskTier> tiers = new LinkedHashMap<>();
            strings("tiers").forEach((tool, tier) -> {
                try {
                    tiers.put(tool, RiskTier.fromWireName(tier));
                } catch (IllegalArgumentException e) {
                    throw new McpConfigException(where + ": tiers." + tool + ": " + e.getMessage());
                }
            });
            return tiers;
        }

        private URI uri(String text) {
            try {
                URI uri = URI.create(text);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new IllegalArgumentException("not an absolute http:// or https:// URL");
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw new McpConfigException(where + ": \"url\" is " + e.getMessage());
            }
        }

        /** @return {@code text} with {@code ${VAR}} and {@code ${VAR:-default}} replaced; values become secrets */
        private String expand(String text, String field) {
            Matcher matcher = VARIABLE.matcher(text);
            StringBuilder expanded = new StringBuilder();
            while (matcher.find()) {
                String value = environment.get(matcher.group(1));
                if (value == null || value.isEmpty() && matcher.group(2) != null) {
                    if (matcher.group(2) == null) {
                        throw new McpConfigException(where + ": the environment variable " + matcher.group(1)
                                + " is not set (used in " + field + ")");
                    }
                    value = matcher.group(2);
                } else {
                    secrets.add(value);
                }
                matcher.appendReplacement(expanded, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(expanded);
            return expanded.toString();
        }
    }
}
