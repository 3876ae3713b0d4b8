package dev.alfred.agents.model;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Builds the {@link ChatModel} runs talk to from {@link ModelSettings}, once. When nothing is configured, Alfred
 * still starts; runs then fail with {@link #MISSING_CONFIGURATION}, which names the variables to set.
 */
@Singleton
public class ChatModels {
    /** The failure reason a run gets when no model is configured. */
    public static final String MISSING_CONFIGURATION = "No model is configured. Set OPENAI_BASE_URL (the "
            + "OpenAI-compatible endpoint, including /v1), OPENAI_API_KEY and ALFRED_MODEL, then restart Alfred.";

    private final ChatModel model;
    private final String label;
    private final String name;

    public ChatModels(ModelSettings settings) {
        this.name = "demo".equalsIgnoreCase(settings.getProvider()) ? OfflineDemoChatModel.LABEL : settings.getName();
        if ("demo".equalsIgnoreCase(settings.getProvider())) {
            this.model = new OfflineDemoChatModel(settings.getDemoUrl(), settings.getDemoChannel());
            this.label = OfflineDemoChatModel.LABEL;
        } else if (settings.getBaseUrl() == null || settings.getBaseUrl().isBlank()) {
            this.model = null;
            this.label = "none";
        } else {
            this.model = OpenAiChatModel.builder()
                    .baseUrl(settings.getBaseUrl())
                    .apiKey(settings.getApiKey() == null || settings.getApiKey().isBlank()
                            ? "none" : settings.getApiKey())
                    .modelName(settings.getName())
                    .timeout(settings.getTimeout())
                    .httpClientBuilder(new ProviderHttpClient.Builder())
                    // The runtime retries transient failures itself and turns rate limits into a fleet-wide block.
                    .maxRetries(0)
                    .build();
            this.label = settings.getName() + " at " + settings.getBaseUrl();
        }
    }

    /** @return the configured model, or empty when none is configured */
    public Optional<ChatModel> model() {
        return Optional.ofNullable(model);
    }

    /** @return the model's name as configured ({@code ALFRED_MODEL}), the key of its price */
    public String name() {
        return name;
    }

    /** @return a human-readable name of the configured model, e.g. {@code gpt-4o-mini at https://…/v1} */
    public String label() {
        return label;
    }
}
