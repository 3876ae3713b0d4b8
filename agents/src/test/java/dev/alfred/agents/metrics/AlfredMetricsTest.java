package dev.alfred.agents.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alfred.agents.run.Step;
import dev.alfred.agents.run.StepKind;
import dev.alfred.agents.run.StepStatus;
import dev.alfred.agents.run.TurnUsage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AlfredMetricsTest {
    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AlfredMetrics metrics = new AlfredMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aCommittedStepIsTimedFromItsStartByKindAndAgent() {
        metrics.stepCommitted("lucius", step(StepKind.TOOL_CALL, NOW.minusMillis(1500)));
        metrics.stepCommitted("lucius", step(StepKind.TOOL_CALL, NOW.minusMillis(500)));

        var timer = registry.get(AlfredMetrics.STEP_DURATION).tag("kind", "tool_call").tag("agent", "lucius").timer();
        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2000);
    }

    @Test
    void aModelTurnCountsItsTokensAndCostByAgentAndModel() {
        metrics.modelTurn("alfred", new TurnUsage(1000, 200, "gpt-4o-mini", new BigDecimal("0.00027"), true));
        metrics.modelTurn("alfred", new TurnUsage(null, null, "gpt-4o-mini", BigDecimal.ZERO, true));

        assertThat(registry.get(AlfredMetrics.MODEL_TOKENS).tags("agent", "alfred", "model", "gpt-4o-mini", "type",
                "input").counter().count()).isEqualTo(1000);
        assertThat(registry.get(AlfredMetrics.MODEL_TOKENS).tags("type", "output").counter().count()).isEqualTo(200);
        assertThat(registry.get(AlfredMetrics.MODEL_COST).tags("agent", "alfred", "model", "gpt-4o-mini").counter()
                .count()).isEqualTo(0.00027);
    }

    @Test
    void toolCallsAreCountedByToolAndDecision() {
        metrics.toolCall("http_get", "allow");
        metrics.toolCall("http_get", "allow");
        metrics.toolCall("http_get", "deny");

        assertThat(registry.get(AlfredMetrics.TOOL_CALLS).tags("tool", "http_get", "decision", "allow").counter()
                .count()).isEqualTo(2);
        assertThat(registry.get(AlfredMetrics.TOOL_CALLS).tags("decision", "deny").counter().count()).isEqualTo(1);
    }

    @Test
    void anApprovalIsTimedFromStagingToDecisionByOutcome() {
        metrics.approvalDecided("approved", NOW.minusSeconds(90), NOW);
        metrics.approvalDecided("expired", NOW, NOW.minusSeconds(1));

        var approved = registry.get(AlfredMetrics.APPROVAL_DECISION).tag("outcome", "approved").timer();
        assertThat(approved.totalTime(TimeUnit.SECONDS)).isEqualTo(90);
        assertThat(registry.get(AlfredMetrics.APPROVAL_DECISION).tag("outcome", "expired").timer()
                .totalTime(TimeUnit.SECONDS)).isZero();
    }

    private static Step step(StepKind kind, Instant startedAt) {
        return new Step(UUID.randomUUID(), "run1", 1, 1, kind, null, null, StepStatus.SUCCEEDED, null, null, null,
                startedAt, null, null, null, null);
    }
}
