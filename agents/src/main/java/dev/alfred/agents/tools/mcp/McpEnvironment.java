package dev.alfred.agents.tools.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment of a stdio MCP server's process: exactly {@code PATH}, {@code HOME} and {@code LANG} from Alfred's
 * own environment (those that are set), plus the server's {@code env} entries, which win. Nothing else of Alfred's
 * environment reaches the child: not its Slack, model or GitHub tokens, not its database password, whatever they are
 * called. The SDK's own default (which passes on {@code LOGNAME}, {@code SHELL}, {@code TERM} and {@code USER} as
 * well) is replaced by this.
 */
public final class McpEnvironment {
    /** The variables a child inherits from Alfred. */
    public static final List<String> INHERITED = List.of("PATH", "HOME", "LANG");

    private McpEnvironment() {
    }

    /**
     * @param alfred the environment Alfred runs in, e.g. {@code System.getenv()}
     * @param server the server's {@code env}, variables already expanded
     * @return the child's whole environment
     */
    public static Map<String, String> forChild(Map<String, String> alfred, Map<String, String> server) {
        Map<String, String> child = new LinkedHashMap<>();
        for (String name : INHERITED) {
            String value = alfred.get(name);
            if (value != null) {
                child.put(name, value);
            }
        }
        child.putAll(server);
        return child;
    }
}
