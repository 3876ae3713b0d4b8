package dev.alfred.agents.catalog;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One agent of the fleet, as its YAML file defines it (keys in kebab-case):
 * <pre>
 * name: lucius                  # the codename: /alfred task @lucius …
 * description: Engineering specialist: reads and writes GitHub issues and pull requests.
 * system-prompt: |
 *   You are Lucius, …
 * model: {provider: openai, name: gpt-4o-mini}
 * fallback: {provider: ollama, name: llama3.1}   # optional; only when the model fails after retries or is empty
 * tools: [github_*, http_get, scratchpad_*]       # names or globs; "*" is every tool
 * max-steps: 30
 * budget-usd: 2.00              # optional run spend cap; unset: alfred.spend.run-cap
 * max-prompt-tokens: 24000      # compaction keeps each prompt under this
 * </pre>
 *
 * @param name            codename: lower-case letters, digits and dashes, 2–32 characters, starting with a letter
 * @param description     one line for {@code /alfred agents} and for the boss choosing whom to delegate to
 * @param systemPrompt    the system prompt every run of the agent starts with
 * @param model           the chat model; null for the configured default ({@code ALFRED_MODEL})
 * @param fallback        the model used when {@code model} fails after its retries or returns an empty answer
 * @param tools           tool names or globs ({@code *} matches any run of characters); empty means no tools
 * @param maxSteps        the step limit of a run, 1–500; null for {@code alfred.runs.max-steps}
 * @param budgetUsd       the run's spend cap in US dollars; null for {@code alfred.spend.run-cap}
 * @param maxPromptTokens the prompt size, in tokens, above which older turns are compacted; 1,000–2,000,000
 */
public record AgentDefinition(
        String name,
        String description,
        String systemPrompt,
        @Nullable ModelChoice model,
        @Nullable ModelChoice fallback,
        List<String> tools,
        @Nullable Integer maxSteps,
        @Nullable BigDecimal budgetUsd,
        @Nullable Integer maxPromptTokens) {
    /** Codenames people type after {@code @}. */
    public static final Pattern CODENAME = Pattern.compile("[a-z][a-z0-9-]{1,31}");
    /** Compaction threshold when a definition sets none, in tokens. */
    public static final int DEFAULT_MAX_PROMPT_TOKENS = 24_000;

    public AgentDefinition {
        if (name == null || !CODENAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'name' must be a codename of 2-32 lower-case letters, digits or "
                    + "dashes starting with a letter, was " + (name == null ? "missing" : "'" + name + "'"));
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("'description' is required: one line saying what " + name + " does");
        }
        if (systemPrompt == null || systemPrompt.isBlank()) {
            throw new IllegalArgumentException("'system-prompt' is required");
        }
        tools = tools == null ? List.of() : List.copyOf(tools);
        if (maxSteps != null && (maxSteps < 1 || maxSteps > 500)) {
            throw new IllegalArgumentException("'max-steps' must be between 1 and 500, was " + maxSteps);
        }
        if (budgetUsd != null && budgetUsd.signum() <= 0) {
            throw new IllegalArgumentException("'budget-usd' must be more than 0, was " + budgetUsd);
        }
        if (maxPromptTokens != null && (maxPromptTokens < 1_000 || maxPromptTokens > 2_000_000)) {
            throw new IllegalArgumentException("'max-prompt-tokens' must be between 1000 and 2000000, was "
                    + maxPromptTokens);
        }
        description = description.strip();
    }

    /** @return the model to call first */
    public ModelChoice modelOrDefault() {
        return model == null ? ModelChoice.configuredDefault() : model;
    }

    /** @return the compaction threshold in tokens */
    public int promptTokenBudget() {
        return maxPromptTokens == null ? DEFAULT_MAX_PROMPT_TOKENS : maxPromptTokens;
    }

    /** @return whether the agent may call the named tool: a name in {@link #tools} or one of its globs matches */
    public boolean allows(String toolName) {
        return tools.stream().anyMatch(pattern -> matches(pattern, toolName));
    }

    /** @return whether a tool name or glob ({@code *} is any run of characters) matches the tool's name */
    public static boolean matches(String pattern, String toolName) {
        return pattern.equals(toolName) || (pattern.contains("*")
                && toolName.matches(Pattern.quote(pattern).replace("*", "\\E.*\\Q")));
    }
}
