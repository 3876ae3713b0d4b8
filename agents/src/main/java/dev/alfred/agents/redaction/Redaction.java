package dev.alfred.agents.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Takes secrets out of text that leaves the process: the one redaction of DESIGN.md section 4 ("Trust boundary"),
 * applied to logs, the audit log, the outbox (Slack posts and updates), failure reasons, model requests and what the
 * application sends to Slack. Two kinds are replaced by {@value #MASK}: anything shaped like a credential (Slack
 * tokens {@code xoxb-}, {@code xoxp-}, {@code xapp-}, {@code xoxe-}…; API keys {@code sk-…} and {@code sk-ant-…};
 * GitHub tokens {@code ghp_…} and {@code github_pat_…}; {@code Bearer} credentials; values of {@code password=},
 * {@code token=}, {@code api_key=} and the like), keeping the prefix that says what it was; and the exact values of
 * the configured secrets ({@link #register}), wherever they appear.
 *
 * <p>The secrets named by environment variables (Slack, model and GitHub tokens, database and dashboard passwords)
 * are registered when this class loads, before anything is logged; the application registers the configured ones
 * (in Alfred, {@code bot.logging.LogSecrets}). The registry is one per JVM, as the secrets are.
 */
public final class Redaction {
    /** What a secret is replaced by. */
    public static final String MASK = "****";
    /** Secrets shorter than this are not registered: masking every occurrence of a short word would garble logs. */
    static final int MIN_SECRET_LENGTH = 6;
    /** The environment variables whose values are secrets. */
    static final List<String> SECRET_VARIABLES = List.of("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN",
            "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GITHUB_TOKEN", "ALFRED_DB_PASSWORD",
            "ALFRED_JOBS_DASHBOARD_PASSWORD");

    /**
     * Credential shapes, each with a test every text it matches passes (a word its match must contain, found with
     * {@code String.indexOf} or one plain scan): a shape's regex runs only on text that passes its test, so text with
     * no credential in it, most of what is redacted, costs a few scans instead of six regex searches. The tests are
     * read off the regexes: each names literal characters the regex requires, compared as the regex compares them
     * ({@code (?i)} without {@code UNICODE_CASE} ignores the case of ASCII letters only).
     */
    private static final List<Shape> SHAPES = List.of(
            new Shape(Pattern.compile("\\b((?:xox[a-z]|xapp)[.-])[A-Za-z0-9.-]+"),
                    text -> text.contains("xox") || text.contains("xapp")),
            new Shape(Pattern.compile("\\b(sk-(?:ant-|proj-)?)[A-Za-z0-9_-]{8,}"), text -> text.contains("sk-")),
            new Shape(Pattern.compile("\\b(gh[pousr]_)[A-Za-z0-9]{16,}"),
                    text -> text.indexOf('_') >= 0 && text.contains("gh")),
            new Shape(Pattern.compile("\\b(github_pat_)[A-Za-z0-9_]{16,}"), text -> text.contains("github_pat_")),
            new Shape(Pattern.compile("(?i)\\b(bearer\\s+)[A-Za-z0-9._~+/-]{8,}=*"),
                    text -> containsIgnoringAsciiCase(text, "bearer")),
            new Shape(Pattern.compile("(?i)\\b((?:password|passwd|pwd|secret|client[_-]?secret|token|access[_-]?token"
                    + "|api[_-]?key)[\"']?\\s*[=:]\\s*[\"']?)[^\\s&;,\"'}]+"),
                    text -> (text.indexOf('=') >= 0 || text.indexOf(':') >= 0)
                            && containsIgnoringAsciiCase(text, "pass", "pwd", "secret", "token", "api")));
    /** What a shape's match becomes: its prefix (group 1), then the mask. */
    private static final String REPLACEMENT = "$1" + MASK;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Longest first, so a secret that contains another is masked whole. */
    private static final Set<String> SECRETS = new ConcurrentSkipListSet<>(
            Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));

    static {
        SECRET_VARIABLES.forEach(name -> register(System.getenv(name)));
    }

    private Redaction() {
    }

    /** Masks this value wherever it appears from now on; blank values and ones shorter than 6 are ignored. */
    public static void register(String secret) {
        if (secret != null && secret.strip().length() >= MIN_SECRET_LENGTH) {
            SECRETS.add(secret.strip());
        }
    }

    /** @return {@code text} with every credential and registered secret masked; null stays null */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String redacted = text;
        for (String secret : SECRETS) {
            if (redacted.contains(secret)) {
                redacted = redacted.replace(secret, MASK);
            }
        }
        for (Shape shape : SHAPES) {
            if (shape.mayMatch().test(redacted)) {
                redacted = shape.pattern().matcher(redacted).replaceAll(REPLACEMENT);
            }
        }
        return redacted;
    }

    /**
     * @param lowerNeedles words in lower case, ASCII
     * @return whether {@code text} contains one of them, ignoring the case of ASCII letters as {@code (?i)} does
     */
    static boolean containsIgnoringAsciiCase(String text, String... lowerNeedles) {
        for (int i = 0; i < text.length(); i++) {
            char c = lowerAscii(text.charAt(i));
            for (String needle : lowerNeedles) {
                if (c == needle.charAt(0) && startsWithIgnoringAsciiCase(text, i, needle)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean startsWithIgnoringAsciiCase(String text, int from, String lowerNeedle) {
        if (from + lowerNeedle.length() > text.length()) {
            return false;
        }
        for (int j = 1; j < lowerNeedle.length(); j++) {
            if (lowerAscii(text.charAt(from + j)) != lowerNeedle.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    private static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /**
     * Redacts every string inside a JSON document (values, not keys), so masking never breaks an escape sequence or
     * the document's shape; text that is not JSON is redacted as text.
     *
     * @return the document with every string value redacted, compact; null stays null
     */
    public static String redactJson(String json) {
        if (json == null || json.isEmpty()) {
            return json;
        }
        try {
            JsonNode tree = JSON.readTree(json);
            if (tree == null || !tree.isContainerNode()) {
                return redact(json);
            }
            return JSON.writeValueAsString(strings(tree, Redaction::redact));
        } catch (IOException e) {
            return redact(json);
        }
    }

    /**
     * @return {@code node} with {@code change} applied to every string value inside it, recursively; containers are
     *         changed in place, and a string {@code change} returns unchanged (the same instance) keeps its node
     */
    public static JsonNode strings(JsonNode node, java.util.function.UnaryOperator<String> change) {
        if (node.isTextual()) {
            String text = node.asText();
            String changed = change.apply(text);
            return changed == text ? node : TextNode.valueOf(changed);
        }
        if (node instanceof ObjectNode object) {
            java.util.List<String> names = new java.util.ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> object.set(name, strings(object.get(name), change)));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, strings(array.get(i), change));
            }
        }
        return node;
    }

    /**
     * A credential shape.
     *
     * @param pattern  the regex; group 1 is the prefix kept in front of the mask
     * @param mayMatch false only for text {@code pattern} cannot match
     */
    private record Shape(Pattern pattern, Predicate<String> mayMatch) {
    }
}
