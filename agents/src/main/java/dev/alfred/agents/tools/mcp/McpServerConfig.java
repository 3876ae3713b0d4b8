package dev.alfred.agents.tools.mcp;

import dev.alfred.policies.RiskTier;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry of the {@code mcpServers} file, variables already expanded: a stdio server ({@code command} set) or a
 * Streamable HTTP server ({@code url} set), never both.
 *
 * @param name    the server's key in {@code mcpServers}, e.g. {@code linear}
 * @param command the program to start (stdio), e.g. {@code npx}; null for an HTTP server
 * @param args    its arguments, in order
 * @param env     variables added to the child's environment (beside {@code PATH}, {@code HOME} and {@code LANG})
 * @param cwd     the child's working directory; null for Alfred's
 * @param url     the server's Streamable HTTP endpoint (http or https); null for a stdio server
 * @param headers HTTP headers sent with every request, e.g. {@code Authorization}
 * @param tiers   risk tiers by the server's own tool name, {@code "*"} for every tool not named
 * @param secrets the values that must never be logged or shown: every expanded variable's value and every header
 *                value
 */
public record McpServerConfig(String name, @Nullable String command, List<String> args, Map<String, String> env,
        @Nullable String cwd, @Nullable URI url, Map<String, String> headers, Map<String, RiskTier> tiers,
        Set<String> secrets) {

    public McpServerConfig {
        args = List.copyOf(args);
        env = Map.copyOf(env);
        headers = Map.copyOf(headers);
        tiers = Map.copyOf(tiers);
        secrets = Set.copyOf(secrets);
        if ((command == null) == (url == null)) {
            throw new IllegalArgumentException("an MCP server has either a command or a url: " + name);
        }
    }

    /** @return whether Alfred starts the server as a child process speaking over stdin and stdout */
    public boolean stdio() {
        return command != null;
    }

    /**
     * @return where the server is, for people: the command and its arguments, or the URL's scheme, host, port and
     *         path (no user information, no query); secrets masked
     */
    public String describe() {
        String text = stdio() ? command + (args.isEmpty() ? "" : " " + String.join(" ", args))
                : url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                        + (url.getRawPath() == null ? "" : url.getRawPath());
        return McpSecrets.mask(text, secrets);
    }

    /** @return name and transport only: environment and header values are secrets and never printed */
    @Override
    public String toString() {
        return "McpServerConfig[" + name + ", " + (stdio() ? "stdio" : "streamable-http") + "]";
    }
}
