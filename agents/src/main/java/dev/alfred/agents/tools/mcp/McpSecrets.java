package dev.alfred.agents.tools.mcp;

import java.util.Collection;
import java.util.Comparator;

/**
 * Masks the values of an MCP server's secrets (expanded variables, header values) in text that leaves Alfred's
 * hands: tool results for the model, states and reasons shown in Slack and {@code /health}. Values shorter than
 * {@value #MIN_LENGTH} characters are left alone (as the log redaction does): masking every {@code 1} of a short
 * value would garble the text and hide nothing.
 */
final class McpSecrets {
    /** What a secret is replaced by. */
    static final String MASK = "****";
    /** The shortest value that is masked. */
    static final int MIN_LENGTH = 6;

    private McpSecrets() {
    }

    /** @return {@code text} with each secret of {@value #MIN_LENGTH} or more characters replaced, longest first */
    static String mask(String text, Collection<String> secrets) {
        String masked = text;
        for (String secret : secrets.stream().filter(s -> s.length() >= MIN_LENGTH)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
