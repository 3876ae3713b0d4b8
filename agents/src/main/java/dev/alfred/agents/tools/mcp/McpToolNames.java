package dev.alfred.agents.tools.mcp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names MCP tools are offered under (DESIGN.md section 4): {@code mcp__<server>__<tool>}, every character outside
 * {@code [A-Za-z0-9_-]} replaced by {@code _}, at most {@value #MAX_LENGTH} characters (the limit OpenAI's and
 * Anthropic's tool calling put on function names, {@code ^[a-zA-Z0-9_-]{1,64}$}).
 *
 * <p>A name that would be longer is cut and ends in {@code _} and 8 hex digits of the SHA-256 of
 * {@code <server>/<tool>}, so two long names that share their first 55 characters stay apart. When two tools still
 * come to the same name (e.g. {@code a.b} and {@code a_b}), the tool first in order of server, then tool name (the
 * originals, compared as strings) keeps it and each other gets the same hash suffix; every collision is logged. The
 * result depends only on the set of tools, never on the order they were listed in.
 */
public final class McpToolNames {
    /** The prefix of every MCP tool's name. */
    public static final String PREFIX = "mcp__";
    /** The longest name a tool may have. */
    public static final int MAX_LENGTH = 64;
    private static final Logger LOG = LoggerFactory.getLogger(McpToolNames.class);
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_-]");
    private static final int HASH_CHARS = 8;

    private McpToolNames() {
    }

    /** One tool as its server names it. */
    public record Key(String server, String tool) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byServer = server.compareTo(other.server);
            return byServer != 0 ? byServer : tool.compareTo(other.tool);
        }
    }

    /** @return the name before collisions are resolved: prefixed, sanitized, cut to {@value #MAX_LENGTH} */
    public static String candidate(String server, String tool) {
        String name = PREFIX + sanitize(server) + "__" + sanitize(tool);
        return name.length() <= MAX_LENGTH ? name : suffixed(name, server, tool);
    }

    /** @return the part of a tool name that stands for a server: its name with unsafe characters replaced */
    public static String sanitize(String part) {
        return UNSAFE.matcher(part).replaceAll("_");
    }

    /**
     * @param tools every MCP tool of every server that is up
     * @return the name of each, unique, as described on the class; iteration in order of the keys
     */
    public static Map<Key, String> assign(Collection<Key> tools) {
        Map<Key, String> names = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (Key key : tools.stream().sorted().distinct().toList()) {
            String name = candidate(key.server(), key.tool());
            if (taken.contains(name)) {
                String wanted = name;
                for (int attempt = 0; taken.contains(name); attempt++) {
                    name = suffixed(wanted, key.server(), key.tool() + (attempt == 0 ? "" : "#" + attempt));
                }
                LOG.warn("MCP tool '{}' of server '{}' would be named {} like another tool; it is named {}",
                        key.tool(), key.server(), wanted, name);
            }
            taken.add(name);
            names.put(key, name);
        }
        return names;
    }

    private static String suffixed(String name, String server, String tool) {
        String suffix = "_" + hash(server + "/" + tool);
        return name.substring(0, Math.min(name.length(), MAX_LENGTH - suffix.length())) + suffix;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
