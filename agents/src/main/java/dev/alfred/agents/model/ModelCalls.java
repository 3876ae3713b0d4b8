package dev.alfred.agents.model;

import dev.alfred.agents.catalog.AgentDefinition;
import dev.alfred.agents.catalog.ModelChoice;
import dev.alfred.agents.run.TranscriptEntry;
import dev.alfred.agents.tools.ToolCall;
import dev.alfred.agents.tools.ToolSpec;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model call for an agent, with the runtime's failure handling: transient failures (5xx, timeouts, lost
 * connections) are retried inside the step with exponential backoff ({@code alfred.model.max-retries},
 * {@code retry-delay} doubling up to {@code retry-max-delay}); a rate limit or quota answer is never retried here.
 * When the agent's model still fails, or answers with neither text nor a tool call, its fallback model (if the
 * definition names one) is called the same way; the fallback is never called when the first model answered. When
 * both fail, the first model's failure is thrown, so a rate limit still blocks the fleet after one call per model.
 */
@Singleton
public class ModelCalls {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCalls.class);

    private final ChatModels models;
    private final ModelSettings settings;
    private final RetryPolicy<ChatResponse> retries;

    public ModelCalls(ChatModels models, ModelSettings settings) {
        this.models = models;
        this.settings = settings;
        this.retries = RetryPolicy.<ChatResponse>builder()
                .handleIf(ModelErrors::isRetriableNow)
                .withBackoff(settings.getRetryDelay(), settings.getRetryMaxDelay().compareTo(settings.getRetryDelay())
                        > 0 ? settings.getRetryMaxDelay() : settings.getRetryDelay().multipliedBy(2))
                .withMaxRetries(Math.max(0, settings.getMaxRetries()))
                .onRetry(event -> LOG.warn("model call failed ({}), retry {} of {}", ModelErrors.describe(
                        event.getLastException()), event.getAttemptCount(), settings.getMaxRetries()))
                .build();
    }

    /**
     * What a call got back, and from which model.
     *
     * @param response     the model's response
     * @param model        the model name that answered, the key of its price
     * @param label        that model's name and endpoint, for the audit log
     * @param fallback     whether the fallback answered
     * @param firstFailure when the fallback answered: why the first model did not
     */
    public record Answer(ChatResponse response, String model, String label, boolean fallback,
            @Nullable String firstFailure) {
    }

    /**
     * What a model turn produced, in the runtime's own terms.
     *
     * @param text          what the model said; null when it only called tools
     * @param toolCalls     the tool calls it made, in order, with the ids the model gave (possibly missing)
     * @param inputTokens   prompt tokens the provider reported, or null
     * @param outputTokens  completion tokens the provider reported, or null
     * @param model         the model name that answered, the key of its price
     * @param label         that model's name and endpoint, for the audit log
     * @param fallback      whether the fallback answered
     * @param firstFailure  when the fallback answered: why the first model did not
     */
    public record Reply(@Nullable String text, List<ToolCall> toolCalls, @Nullable Integer inputTokens,
            @Nullable Integer outputTokens, String model, String label, boolean fallback,
            @Nullable String firstFailure) {

        /** @return whether the model called at least one tool */
        public boolean hasToolCalls() {
            return !toolCalls.isEmpty();
        }
    }

    /**
     * One model turn of a run: the transcript as the model sees it ({@link TranscriptMessages#toMessages}) and the
     * tools it may call.
     *
     * @throws RuntimeException as {@link #chat}
     */
    public Reply turn(AgentDefinition agent, List<TranscriptEntry> transcript, List<ToolSpec> tools) {
        return reply(chat(agent, ChatRequest.builder().messages(TranscriptMessages.toMessages(transcript))
                .toolSpecifications(ToolSpecs.toSpecifications(tools)).build()));
    }

    /**
     * A call without tools: a system instruction and one user message (a compaction's summary, for instance).
     *
     * @throws RuntimeException as {@link #chat}
     */
    public Reply summarise(AgentDefinition agent, String instructions, String text) {
        return reply(chat(agent, ChatRequest.builder().messages(SystemMessage.from(instructions),
                UserMessage.from(text)).build()));
    }

    private static Reply reply(Answer answer) {
        AiMessage message = answer.response().aiMessage();
        List<ToolCall> calls = message == null || !message.hasToolExecutionRequests() ? List.of()
                : message.toolExecutionRequests().stream()
                        .map(call -> new ToolCall(call.id(), call.name(), call.arguments())).toList();
        TokenUsage tokens = answer.response().tokenUsage();
        return new Reply(message == null ? null : message.text(), calls,
                tokens == null ? null : tokens.inputTokenCount(), tokens == null ? null : tokens.outputTokenCount(),
                answer.model(), answer.label(), answer.fallback(), answer.firstFailure());
    }

    /** @return why the agent's runs cannot call a model, or empty when its model or its fallback is configured */
    public Optional<String> unavailable(AgentDefinition agent) {
        if (models.model(agent.modelOrDefault()).isPresent()
                || (agent.fallback() != null && models.model(agent.fallback()).isPresent())) {
            return Optional.empty();
        }
        return Optional.of(models.missing(agent.modelOrDefault()));
    }

    /** @return the model name a choice resolves to, the key of its price */
    public String name(ModelChoice choice) {
        return models.name(choice);
    }

    /**
     * Calls the agent's model, retrying transient failures, then its fallback if needed.
     *
     * @throws RuntimeException the first model's last failure when no fallback answered: a rate limit (see
     *                          {@link ModelErrors#isRateLimit}), a transient failure that outlasted the retries, or
     *                          a permanent one; {@link IllegalStateException} when neither model is configured
     */
    public Answer chat(AgentDefinition agent, ChatRequest request) {
        ModelChoice first = agent.modelOrDefault();
        ModelChoice fallback = agent.fallback();
        Optional<ChatModel> primary = models.model(first);
        RuntimeException failure = null;
        ChatResponse empty = null;
        String firstFailure;
        if (primary.isPresent()) {
            try {
                ChatResponse response = call(primary.get(), request);
                if (fallback == null || !isEmpty(response)) {
                    return new Answer(response, models.name(first), models.label(first), false, null);
                }
                empty = response;
                firstFailure = "it returned an empty answer";
            } catch (RuntimeException e) {
                if (fallback == null) {
                    throw e;
                }
                failure = e;
                firstFailure = ModelErrors.describe(e);
            }
        } else if (fallback == null) {
            throw new IllegalStateException(models.missing(first));
        } else {
            firstFailure = "it is not configured";
        }
        Optional<ChatModel> second = models.model(fallback);
        if (second.isEmpty()) {
            if (empty != null) {
                return new Answer(empty, models.name(first), models.label(first), false, null);
            }
            throw failure != null ? failure : new IllegalStateException(models.missing(first));
        }
        LOG.warn("agent {}: model {} failed ({}); calling its fallback {}", agent.name(), first, firstFailure,
                fallback);
        try {
            return new Answer(call(second.get(), request), models.name(fallback), models.label(fallback), true,
                    models.name(first) + ": " + firstFailure);
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
            throw failure;
        }
    }

    private ChatResponse call(ChatModel model, ChatRequest request) {
        return Failsafe.with(retries).get(() -> model.chat(request));
    }

    private static boolean isEmpty(ChatResponse response) {
        AiMessage message = response.aiMessage();
        return message == null || (!message.hasToolExecutionRequests()
                && (message.text() == null || message.text().isBlank()));
    }

    /** @return how long to block the fleet after a rate limit: the provider's {@code Retry-After}, or the default */
    public Duration blockFor(Throwable e) {
        Duration wait = ModelErrors.retryAfter(e).orElse(settings.getRateLimitBlock());
        return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
    }
}
