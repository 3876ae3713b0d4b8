package dev.alfred.agents.model;

import dev.alfred.agents.catalog.ModelChoice;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the {@link ChatModel}s runs talk to, one per {@link ModelChoice}, once each, through LangChain4j: any
 * OpenAI-compatible endpoint ({@code OPENAI_BASE_URL}), Anthropic ({@code ANTHROPIC_API_KEY}) and Ollama
 * ({@code OLLAMA_BASE_URL}). Every provider shares {@link ProviderHttpClient}, so rate limits and transient failures
 * are classified alike, and none retries by itself: {@code ModelCalls} retries and falls back. When a provider is not
 * configured Alfred still starts; runs that need it fail with {@link #missing(ModelChoice)}, which names the
 * variables to set. With {@code alfred.model.provider=demo} every choice is the offline demo model.
 */
@Singleton
public class ChatModels {
    /** The failure reason a run gets when no model is configured. */
    public static final String MISSING_CONFIGURATION = "No model is configured. Set OPENAI_BASE_URL (the "
            + "OpenAI-compatible endpoint, including /v1), OPENAI_API_KEY and ALFRED_MODEL, then restart Alfred.";
    /** Anthropic's Messages API requires {@code max_tokens}; this is what an answer may use. */
    static final int ANTHROPIC_MAX_TOKENS = 4096;

    private final ModelSettings settings;
    private final boolean demo;
    private final Map<ModelChoice, Optional<ChatModel>> built = new ConcurrentHashMap<>();

    public ChatModels(ModelSettings settings) {
        this.settings = settings;
        this.demo = "demo".equalsIgnoreCase(settings.getProvider());
    }

    /** @return the default model (the OpenAI-compatible endpoint and {@code ALFRED_MODEL}), or empty when unset */
    public Optional<ChatModel> model() {
        return model(ModelChoice.configuredDefault());
    }

    /** @return the model for that choice, or empty when its provider is not configured */
    public Optional<ChatModel> model(ModelChoice choice) {
        return built.computeIfAbsent(choice, this::build);
    }

    /** @return the default model's name ({@code ALFRED_MODEL}), the key of its price */
    public String name() {
        return name(ModelChoice.configuredDefault());
    }

    /** @return the model name a choice resolves to, the key of its price; the demo model's label in the demo */
    public String name(ModelChoice choice) {
        if (demo) {
            return OfflineDemoChatModel.LABEL;
        }
        return choice.name() != null ? choice.name() : settings.getName();
    }

    /** @return a human-readable name of the default model, e.g. {@code gpt-4o-mini at https://…/v1} */
    public String label() {
        return label(ModelChoice.configuredDefault());
    }

    /** @return a human-readable name of a choice's model, e.g. {@code claude-sonnet-4-5 at Anthropic} */
    public String label(ModelChoice choice) {
        if (demo) {
            return OfflineDemoChatModel.LABEL;
        }
        if (model(choice).isEmpty()) {
            return "none";
        }
        return name(choice) + " at " + switch (choice.provider()) {
            case "anthropic" -> settings.getAnthropicBaseUrl();
            case "ollama" -> settings.getOllamaBaseUrl();
            default -> settings.getBaseUrl();
        };
    }

    /** @return why a choice has no model: which variables to set */
    public String missing(ModelChoice choice) {
        return switch (choice.provider()) {
            case "anthropic" -> "The model " + choice + " needs Anthropic: set ANTHROPIC_API_KEY (and "
                    + "ANTHROPIC_BASE_URL for a proxy), then restart Alfred.";
            case "ollama" -> "The model " + choice + " needs an Ollama server: set OLLAMA_BASE_URL.";
            default -> MISSING_CONFIGURATION;
        };
    }

    private Optional<ChatModel> build(ModelChoice choice) {
        if (demo) {
            return Optional.of(settings.getDemoRepo() != null ? new OfflineCodeDemoChatModel(settings.getDemoRepo())
                    : new OfflineDemoChatModel(settings.getDemoUrl(), settings.getDemoChannel()));
        }
        String name = name(choice);
        switch (choice.provider()) {
            case "anthropic" -> {
                if (blank(settings.getAnthropicApiKey())) {
                    return Optional.empty();
                }
                return Optional.of(AnthropicChatModel.builder()
                        .baseUrl(settings.getAnthropicBaseUrl())
                        .apiKey(settings.getAnthropicApiKey())
                        .modelName(name)
                        .maxTokens(ANTHROPIC_MAX_TOKENS)
                        .timeout(settings.getTimeout())
                        .httpClientBuilder(new ProviderHttpClient.Builder())
                        .maxRetries(0)
                        .build());
            }
            case "ollama" -> {
                if (blank(settings.getOllamaBaseUrl())) {
                    return Optional.empty();
                }
                return Optional.of(OllamaChatModel.builder()
                        .maxRetries(0)
                        .baseUrl(settings.getOllamaBaseUrl())
                        .modelName(name)
                        .timeout(settings.getTimeout())
                        .httpClientBuilder(new ProviderHttpClient.Builder())
                        .build());
            }
            default -> {
                if (blank(settings.getBaseUrl())) {
                    return Optional.empty();
                }
                return Optional.of(OpenAiChatModel.builder()
                        .baseUrl(settings.getBaseUrl())
                        .apiKey(blank(settings.getApiKey()) ? "none" : settings.getApiKey())
                        .modelName(name)
                        .timeout(settings.getTimeout())
                        .httpClientBuilder(new ProviderHttpClient.Builder())
                        // The runtime retries transient failures itself and turns rate limits into a fleet-wide block.
                        .maxRetries(0)
                        .build());
            }
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
