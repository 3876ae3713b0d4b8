package dev.alfred.agents.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.micronaut.core.annotation.Nullable;
import java.util.Locale;
import java.util.Set;

/**
 * Which chat model an agent talks to, as written in its definition file:
 * <pre>
 * model: {provider: anthropic, name: claude-sonnet-4-5}
 * model: gpt-4o-mini            # the configured provider (OPENAI_BASE_URL), this model name
 * </pre>
 * Endpoints and keys are not in agent files: they come from the environment of the provider
 * ({@code OPENAI_BASE_URL}/{@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY}/{@code ANTHROPIC_BASE_URL},
 * {@code OLLAMA_BASE_URL}), so definitions can be committed and shared.
 *
 * @param provider {@code openai} (any OpenAI-compatible endpoint), {@code anthropic} or {@code ollama}
 * @param name     the provider's model name, e.g. {@code gpt-4o-mini}; null for the configured {@code ALFRED_MODEL}
 */
public record ModelChoice(String provider, @Nullable String name) {
    /** The providers Alfred can build a chat model for. */
    public static final Set<String> PROVIDERS = Set.of("openai", "anthropic", "ollama");

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public ModelChoice {
        provider = provider == null || provider.isBlank() ? "openai" : provider.strip().toLowerCase(Locale.ROOT);
        if (!PROVIDERS.contains(provider)) {
            throw new IllegalArgumentException("unknown model provider '" + provider + "' (expected one of: "
                    + String.join(", ", PROVIDERS.stream().sorted().toList()) + ")");
        }
        name = name == null || name.isBlank() ? null : name.strip();
    }

    /** Reads the short form, a bare model name of the default provider. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ModelChoice named(String name) {
        return new ModelChoice("openai", name);
    }

    /** @return the configured default: the OpenAI-compatible endpoint and {@code ALFRED_MODEL} */
    public static ModelChoice configuredDefault() {
        return new ModelChoice("openai", null);
    }

    /** @return e.g. {@code anthropic/claude-sonnet-4-5}, or {@code openai/(ALFRED_MODEL)} */
    @Override
    public String toString() {
        return provider + "/" + (name == null ? "(ALFRED_MODEL)" : name);
    }
}
