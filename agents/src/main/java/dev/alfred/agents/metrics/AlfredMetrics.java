package dev.alfred.agents.metrics;

import dev.alfred.agents.audit.ToolCallJudged;
import dev.alfred.agents.run.Step;
import dev.alfred.agents.run.TurnUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The runtime's meters, one method per thing that happened. Meter names (Micrometer dot style; Prometheus turns
 * {@code alfred.step.duration} into {@code alfred_step_duration_seconds_*}) and their tags:
 * <ul>
 *   <li>{@value #STEP_DURATION} (timer): committed steps by {@code kind} ({@code model_turn}, {@code tool_call},
 *       {@code compaction}) and {@code agent}, from the step's start to its commit</li>
 *   <li>{@value #MODEL_TOKENS} (counter): tokens the provider reported, by {@code agent}, {@code model} and
 *       {@code type} ({@code input}, {@code output})</li>
 *   <li>{@value #MODEL_COST} (counter, US dollars): the price table's cost of those turns, by {@code agent} and
 *       {@code model}</li>
 *   <li>{@value #TOOL_CALLS} (counter): tool calls judged by policy, by {@code tool} and {@code decision}
 *       ({@code allow}, {@code require_approval}, {@code deny})</li>
 *   <li>{@value #APPROVAL_DECISION} (timer): decided approval requests by {@code outcome} ({@code approved},
 *       {@code edited}, {@code rejected}, {@code reject_and_end}, {@code expired}), from staging to the decision</li>
 * </ul>
 */
@Singleton
public class AlfredMetrics {
    /** Timer of committed steps. */
    public static final String STEP_DURATION = "alfred.step.duration";
    /** Counter of model tokens. */
    public static final String MODEL_TOKENS = "alfred.model.tokens";
    /** Counter of model cost in US dollars. */
    public static final String MODEL_COST = "alfred.model.cost";
    /** Counter of tool calls by policy decision. */
    public static final String TOOL_CALLS = "alfred.tool.calls";
    /** Timer of approval decisions, from staging to decision. */
    public static final String APPROVAL_DECISION = "alfred.approval.decision";

    private final MeterRegistry registry;
    private final Clock clock;

    public AlfredMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** A step was committed now; it took from its start until now. */
    public void stepCommitted(String agent, Step step) {
        Timer.builder(STEP_DURATION).description("Committed run steps, from start to commit")
                .tag("kind", lower(step.kind().name())).tag("agent", agent)
                .register(registry).record(Duration.between(step.startedAt(), clock.instant()));
    }

    /** A model turn (or compaction call) of {@code agent} used this. */
    public void modelTurn(String agent, TurnUsage usage) {
        tokens(agent, usage.model(), "input", usage.inputTokens());
        tokens(agent, usage.model(), "output", usage.outputTokens());
        Counter.builder(MODEL_COST).description("Model cost from the price table").baseUnit("usd")
                .tag("agent", agent).tag("model", usage.model())
                .register(registry).increment(usage.costUsd().doubleValue());
    }

    /**
     * A tool call was judged.
     *
     * @param decision the decision's wire name: {@code allow}, {@code require_approval} or {@code deny}
     */
    public void toolCall(String tool, String decision) {
        Counter.builder(TOOL_CALLS).description("Tool calls by policy decision")
                .tag("tool", tool).tag("decision", decision).register(registry).increment();
    }

    /** Counts a judged tool call the audit log recorded. */
    @EventListener
    public void onToolCallJudged(ToolCallJudged judged) {
        toolCall(judged.tool(), judged.decision());
    }

    /**
     * An approval request was decided (or expired).
     *
     * @param outcome  {@code approved}, {@code edited}, {@code rejected}, {@code reject_and_end} or {@code expired}
     * @param stagedAt when it was staged
     * @param decidedAt when it was decided
     */
    public void approvalDecided(String outcome, Instant stagedAt, Instant decidedAt) {
        Duration waited = Duration.between(stagedAt, decidedAt);
        Timer.builder(APPROVAL_DECISION).description("Approval requests by outcome, from staging to decision")
                .tag("outcome", outcome).register(registry).record(waited.isNegative() ? Duration.ZERO : waited);
    }

    private void tokens(String agent, String model, String type, Integer count) {
        Counter counter = Counter.builder(MODEL_TOKENS).description("Tokens the model provider reported")
                .baseUnit("tokens").tag("agent", agent).tag("model", model).tag("type", type).register(registry);
        if (count != null && count > 0) {
            counter.increment(count);
        }
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
