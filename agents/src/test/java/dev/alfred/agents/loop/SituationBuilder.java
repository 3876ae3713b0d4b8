package dev.alfred.agents.loop;

import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.approvals.StagedActionStatus;
import dev.alfred.agents.catalog.AgentDefinition;
import dev.alfred.agents.fleet.FleetPause;
import dev.alfred.agents.fleet.ProviderBlock;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunSnapshot;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.Step;
import dev.alfred.agents.run.StepKind;
import dev.alfred.agents.run.StepStatus;
import dev.alfred.agents.run.TranscriptEntry;
import dev.alfred.agents.run.TranscriptRole;
import dev.alfred.agents.tools.ToolCall;
import dev.alfred.agents.tools.ToolCalls;
import dev.alfred.agents.tools.ToolSchema;
import dev.alfred.agents.tools.ToolSpec;
import dev.alfred.policies.RiskTier;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Builds {@link Situation}s for planner tests, the way JobRunr's tests build jobs: {@code aSituation()…build()}. */
final class SituationBuilder {
    static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    static final Map<String, RiskTier> TIERS = Map.of("http_get", RiskTier.READ, "slack_post_message", RiskTier.WRITE,
            "ask_human", RiskTier.READ, "delegate", RiskTier.READ, "github_create_issue", RiskTier.WRITE);

    private RunStatus status = RunStatus.RUNNING;
    private int stepCount = 2;
    private int maxSteps = 20;
    private final List<TranscriptEntry> transcript = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private final List<StagedAction> actions = new ArrayList<>();
    private List<String> agentTools = List.of("http_get", "slack_post_message", "ask_human", "delegate");
    private int maxPromptTokens = 24_000;
    private Optional<FleetPause> pause = Optional.empty();
    private int inputsWaiting;
    private Optional<String> modelUnavailable = Optional.empty();
    private Optional<ProviderBlock> block = Optional.empty();

    private SituationBuilder() {
        entry(TranscriptRole.SYSTEM, "You are Alfred.", null, null);
        entry(TranscriptRole.USER, "Is payments healthy?", null, null);
    }

    static SituationBuilder aSituation() {
        return new SituationBuilder();
    }

    SituationBuilder status(RunStatus status) {
        this.status = status;
        return this;
    }

    SituationBuilder steps(int stepCount, int maxSteps) {
        this.stepCount = stepCount;
        this.maxSteps = maxSteps;
        return this;
    }

    /** The model's latest turn called these tools; none has a result yet. */
    SituationBuilder modelCalled(ToolCall... calls) {
        entry(TranscriptRole.ASSISTANT, null, ToolCalls.toJson(List.of(calls)), null);
        return this;
    }

    SituationBuilder resultOf(ToolCall call) {
        entry(TranscriptRole.TOOL_RESULT, "ok", null, call.toolCallId());
        return this;
    }

    SituationBuilder modelSaid(String text) {
        entry(TranscriptRole.ASSISTANT, text, null, null);
        return this;
    }

    /** A step attempt at the next step for this call was started and never finished. */
    SituationBuilder interrupted(ToolCall call) {
        steps.add(new Step(UUID.randomUUID(), "r1", stepCount + 1, 1, StepKind.TOOL_CALL, call.toolName(),
                call.toolCallId(), StepStatus.STARTED, null, null, null, NOW, null, null, null, null));
        return this;
    }

    SituationBuilder staged(String toolCallId, String toolName, StagedActionStatus status) {
        actions.add(new StagedAction("a" + actions.size(), "r1", stepCount, toolCallId, toolName, "{}", null, "h",
                "write", "writes", null, "U1", status, status == StagedActionStatus.PENDING ? null : "U2", null, null,
                null, null, NOW, NOW.plusSeconds(3600), null, null, null, null, null, null));
        return this;
    }

    SituationBuilder agentTools(String... tools) {
        this.agentTools = List.of(tools);
        return this;
    }

    SituationBuilder maxPromptTokens(int tokens) {
        this.maxPromptTokens = tokens;
        return this;
    }

    SituationBuilder paused() {
        this.pause = Optional.of(new FleetPause("fleet", "U9", NOW));
        return this;
    }

    SituationBuilder inputsWaiting(int count) {
        this.inputsWaiting = count;
        return this;
    }

    SituationBuilder noModel(String why) {
        this.modelUnavailable = Optional.of(why);
        return this;
    }

    SituationBuilder providerBlocked() {
        this.block = Optional.of(new ProviderBlock("provider", "HTTP 429", NOW.plusSeconds(60), NOW));
        return this;
    }

    Situation build() {
        Run run = new Run("r1", "alfred", "Is payments healthy?", status, "T1", "C1", "1700000000.000100", null, "U1",
                stepCount, maxSteps, null, null, null, null, NOW, NOW, NOW, null, BigDecimal.ZERO, null,
                BigDecimal.ZERO, null, null, null, null, "slash_command");
        AgentDefinition agent = new AgentDefinition("alfred", "The boss.", "You are Alfred.", null, null, agentTools,
                null, null, maxPromptTokens);
        List<ToolSpec> tools = agentTools.stream().map(name -> new ToolSpec(name, name + ". Risk tier: read.",
                ToolSchema.builder().build())).toList();
        return new Situation(new RunSnapshot(run, List.copyOf(transcript), List.copyOf(steps)), agent, pause,
                inputsWaiting, List.copyOf(actions), modelUnavailable, block, TIERS, tools, 3);
    }

    private void entry(TranscriptRole role, String content, String toolCalls, String toolCallId) {
        int seq = transcript.size();
        transcript.add(new TranscriptEntry(UUID.randomUUID(), "r1", seq, seq, role, content, toolCalls, toolCallId,
                toolCallId == null ? null : "tool", NOW, null));
    }
}
