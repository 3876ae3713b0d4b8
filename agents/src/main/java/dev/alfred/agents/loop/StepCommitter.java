package dev.alfred.agents.loop;

import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.audit.AuditLog;
import dev.alfred.agents.metrics.AlfredMetrics;
import dev.alfred.agents.model.ModelCalls;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.StepOutput;
import dev.alfred.agents.run.Step;
import dev.alfred.agents.run.TranscriptRole;
import dev.alfred.agents.run.TurnUsage;
import dev.alfred.agents.spend.Spend;
import dev.alfred.agents.tools.ToolCall;
import dev.alfred.agents.tools.ToolCalls;
import dev.alfred.agents.tools.ToolOutput;
import dev.alfred.agents.tools.ToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.inject.Singleton;

/**
 * The one place a step is committed: the attempt's outcome, its transcript entry, its spend and its audit event in
 * one transaction, then its duration metered and the {@link StepObserver} told. A committed step is a checkpoint: a
 * worker that dies after it resumes from the next step.
 */
@Singleton
public class StepCommitter {
    private final RunStore store;
    private final AuditLog audit;
    private final Approvals approvals;
    private final AlfredMetrics metrics;
    private final StepObserver observer;

    public StepCommitter(RunStore store, AuditLog audit, Approvals approvals, AlfredMetrics metrics,
            StepObserver observer) {
        this.store = store;
        this.audit = audit;
        this.approvals = approvals;
        this.metrics = metrics;
        this.observer = observer;
    }

    /** Commits a tool call's result, as the model will read it. */
    public void toolResult(Run run, Step step, ToolCall call, ToolResult result) {
        toolResult(run, step, call.toolCallId(), call.toolName(), result);
    }

    /** Commits a tool call's result for the call with this id and tool. */
    public void toolResult(Run run, Step step, String toolCallId, String toolName, ToolResult result) {
        store.commitStep(step, new StepOutput(TranscriptRole.TOOL_RESULT, result.content(), null, toolCallId,
                toolName), null, null);
        committed(run, step);
    }

    /**
     * Commits a tool call's result with the audit events its dispatch held back ({@link AuditLog#holding}), in one
     * transaction.
     */
    public void toolResult(Run run, Step step, ToolCall call, ToolResult result,
            List<dev.alfred.agents.audit.AuditEvent> audits) {
        store.atomically(() -> {
            audit.recordAll(audits);
            store.commitStep(step, new StepOutput(TranscriptRole.TOOL_RESULT, result.content(), null,
                    call.toolCallId(), call.toolName()), null, null);
        });
        committed(run, step);
    }

    /** Commits a refused call's result with the audit event that records the refusal. */
    public void refused(Run run, Step step, ToolCall call, ToolResult result, String detail,
            Map<String, Object> data) {
        store.atomically(() -> {
            audit.record(run.id(), "tool.call", null, step.stepNo(), detail, data);
            store.commitStep(step, new StepOutput(TranscriptRole.TOOL_RESULT, result.content(), null,
                    call.toolCallId(), call.toolName()), null, null);
        });
        committed(run, step);
    }

    /** Commits an approved action's execution: the action, the step and the audit event ({@link Approvals}). */
    public void approvedAction(Run run, StagedAction action, Step step, String forModel, ToolResult result) {
        approvals.completeExecution(action, step, forModel, ToolOutput.content(result.content()));
        committed(run, step);
    }

    /**
     * Commits a model turn: the assistant entry with its tool calls, the turn's usage and cost on the step and the
     * run, and the {@code model.turn} audit event.
     *
     * @param calls the turn's tool calls, with the ids the runtime gave them
     */
    public void modelTurn(Run run, Step step, ModelCalls.Reply reply, List<ToolCall> calls, TurnUsage usage) {
        modelTurn(run, step, reply, calls, usage, () -> { });
    }

    /**
     * Commits a model turn as {@link #modelTurn(Run, Step, ModelCalls.Reply, List, TurnUsage)}, with {@code then}
     * in the same transaction after it (the run's end, when the turn was its final answer).
     */
    public void modelTurn(Run run, Step step, ModelCalls.Reply reply, List<ToolCall> calls, TurnUsage usage,
            Runnable then) {
        metrics.modelTurn(run.agent(), usage);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("model", usage.model());
        data.put("inputTokens", usage.inputTokens());
        data.put("outputTokens", usage.outputTokens());
        data.put("costUsd", usage.priced() ? usage.costUsd().toPlainString() : null);
        data.put("priced", usage.priced());
        data.put("toolCalls", calls.size());
        data.put("fallback", reply.fallback());
        data.put("firstFailure", reply.firstFailure());
        String detail = reply.label() + (reply.fallback() ? " (fallback; " + reply.firstFailure() + ")" : "") + ": "
                + (reply.inputTokens() == null ? "no usage reported" : reply.inputTokens() + " prompt + "
                        + reply.outputTokens() + " completion tokens") + ", "
                + (usage.priced() ? Spend.usd(usage.costUsd()) : "cost unknown (no price for " + usage.model() + ")")
                + (calls.isEmpty() ? ", answer" : ", " + calls.size() + " tool call(s)");
        store.atomically(() -> {
            store.commitModelTurn(run, step, new StepOutput(TranscriptRole.ASSISTANT, reply.text(),
                    ToolCalls.toJson(calls), null, null), usage);
            audit.record(run.id(), "model.turn", null, step.stepNo(), detail, data);
            then.run();
        });
        committed(run, step);
    }

    /**
     * Commits a compaction: the summary entry, the summarising call's usage, and the {@code transcript.compacted}
     * audit event.
     */
    public void summary(Run run, Step step, Compaction.Plan plan, String summary, TurnUsage usage) {
        metrics.modelTurn(run.agent(), usage);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("fromSeq", plan.entries().get(0).seq());
        data.put("coversSeq", plan.coversSeq());
        data.put("entries", plan.entries().size());
        data.put("promptTokensBefore", plan.promptSize());
        data.put("budgetTokens", plan.budget());
        data.put("model", usage.model());
        data.put("inputTokens", usage.inputTokens());
        data.put("outputTokens", usage.outputTokens());
        store.atomically(() -> {
            store.commitSummary(step, summary, plan.coversSeq(), usage);
            audit.record(run.id(), "transcript.compacted", null, step.stepNo(), plan.entries().size()
                    + " older entries summarised: the next prompt would have been about " + plan.promptSize()
                    + " tokens, over " + Compaction.TRIGGER_PERCENT + "% of the agent's budget of " + plan.budget(),
                    data);
        });
        committed(run, step);
    }

    /** After a step's commit: its duration is metered, then the observer hears of it. */
    public void committed(Run run, Step step) {
        metrics.stepCommitted(run.agent(), step);
        observer.afterCommit(step);
    }
}
