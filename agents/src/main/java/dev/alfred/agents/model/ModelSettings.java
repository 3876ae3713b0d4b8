package dev.alfred.agents.model;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * {@code alfred.model.*}: the default model and the providers' endpoints. Filled from {@code OPENAI_BASE_URL},
 * {@code OPENAI_API_KEY}, {@code ALFRED_MODEL}, {@code ANTHROPIC_API_KEY}, {@code ANTHROPIC_BASE_URL} and
 * {@code OLLAMA_BASE_URL} by the launcher. Agents name their model and fallback in their definition files.
 */
@ConfigurationProperties("alfred.model")
public class ModelSettings {
    /** {@code openai} (any OpenAI-compatible endpoint) or {@code demo} (the offline demo model). */
    private String provider = "openai";
    @Nullable
    private String baseUrl;
    @Nullable
    private String apiKey;
    private String name = "gpt-4o-mini";
    private Duration timeout = Duration.ofSeconds(60);
    /** Retries of a model call that failed transiently (5xx, timeout, lost connection), inside the step. */
    private int maxRetries = 3;
    /** First wait before such a retry; it doubles each time up to {@link #retryMaxDelay}. */
    private Duration retryDelay = Duration.ofMillis(500);
    private Duration retryMaxDelay = Duration.ofSeconds(8);
    /** How long a rate-limit or quota answer blocks the fleet when the provider gives no {@code Retry-After}. */
    private Duration rateLimitBlock = Duration.ofSeconds(60);
    /** Anthropic's API key ({@code ANTHROPIC_API_KEY}); agents naming an {@code anthropic} model need it. */
    @Nullable
    private String anthropicApiKey;
    /** Anthropic's endpoint ({@code ANTHROPIC_BASE_URL}), including {@code /v1}. */
    private String anthropicBaseUrl = "https://api.anthropic.com/v1";
    /** The Ollama server ({@code OLLAMA_BASE_URL}), without {@code /api}. */
    private String ollamaBaseUrl = "http://localhost:11434";
    /** For the demo model: the URL it fetches with {@code http_get} before answering. */
    @Nullable
    private String demoUrl;
    /** For the demo model: the channel it proposes to post a summary in. */
    @Nullable
    private String demoChannel;
    /** For the demo model: a repository ({@code owner/name}) to fix instead, {@code ./alfred demo --example code}. */
    @Nullable
    private String demoRepo;

    @Nullable
    public String getDemoRepo() {
        return demoRepo;
    }

    public void setDemoRepo(@Nullable String demoRepo) {
        this.demoRepo = demoRepo;
    }

    @Nullable
    public String getDemoChannel() {
        return demoChannel;
    }

    public void setDemoChannel(@Nullable String demoChannel) {
        this.demoChannel = demoChannel;
    }

    @Nullable
    public String getAnthropicApiKey() {
        return anthropicApiKey;
    }

    public void setAnthropicApiKey(@Nullable String anthropicApiKey) {
        this.anthropicApiKey = anthropicApiKey;
    }

    public String getAnthropicBaseUrl() {
        return anthropicBaseUrl;
    }

    public void setAnthropicBaseUrl(String anthropicBaseUrl) {
        this.anthropicBaseUrl = anthropicBaseUrl;
    }

    public String getOllamaBaseUrl() {
        return ollamaBaseUrl;
    }

    public void setOllamaBaseUrl(String ollamaBaseUrl) {
        this.ollamaBaseUrl = ollamaBaseUrl;
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    @Nullable
    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(@Nullable String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Nullable
    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(@Nullable String apiKey) {
        this.apiKey = apiKey;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    @Nullable
    public String getDemoUrl() {
        return demoUrl;
    }

    public void setDemoUrl(@Nullable String demoUrl) {
        this.demoUrl = demoUrl;
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
    }

    public Duration getRetryMaxDelay() {
        return retryMaxDelay;
    }

    public void setRetryMaxDelay(Duration retryMaxDelay) {
        this.retryMaxDelay = retryMaxDelay;
    }

    public Duration getRateLimitBlock() {
        return rateLimitBlock;
    }

    public void setRateLimitBlock(Duration rateLimitBlock) {
        this.rateLimitBlock = rateLimitBlock;
    }
}
