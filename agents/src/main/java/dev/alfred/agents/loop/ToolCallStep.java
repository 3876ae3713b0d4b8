package dev.alfred.agents.loop;

import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.audit.AuditLog;
import dev.alfred.agents.catalog.AgentCatalog;
import dev.alfred.agents.catalog.AgentDefinition;
import dev.alfred.agents.report.Report;
import dev.alfred.agents.report.RunReporter;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.Step;
import dev.alfred.agents.run.StepKind;
import dev.alfred.agents.run.TranscriptEntry;
import dev.alfred.agents.run.TranscriptRole;
import dev.alfred.agents.tools.Dispatch;
import dev.alfred.agents.tools.ToolCall;
import dev.alfred.agents.tools.ToolDispatcher;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.policies.RiskTier;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * A tool call step: through policy ({@link ToolDispatcher}), which runs it, refuses it, or stages it for approval
 * (the run then parks behind the card); a call to a tool outside the agent's list, refused; a call with side effects
 * that was running when its worker stopped, not repeated.
 */
@Singleton
public class ToolCallStep {
    private final RunStore store;
    private final ToolDispatcher dispatcher;
    private final Approvals approvals;
    private final AgentCatalog catalog;
    private final AuditLog audit;
    private final RunReporter reporter;
    private final StepCommitter committer;
    private final Parking parking;
    private final Progress progress;

    public ToolCallStep(RunStore store, ToolDispatcher dispatcher, Approvals approvals, AgentCatalog catalog,
            AuditLog audit, RunReporter reporter, StepCommitter committer, Parking parking, Progress progress) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.approvals = approvals;
        this.catalog = catalog;
        this.audit = audit;
        this.reporter = reporter;
        this.committer = committer;
        this.parking = parking;
        this.progress = progress;
    }

    /**
     * Calls the tool through policy. A call to a {@code read} tool that runs is committed with its audit events in the
     * step's one commit (it has no side effect, so a worker that dies before the commit lets the retry call it again);
     * any other call's events are written as they happen, before and after the side effect.
     *
     * @param begun the call's attempt when {@link StepStarts} began it, or null to begin it here
     * @param tier  the tool's risk tier, or null when no such tool is registered
     * @return true when the run parked behind an approval card
     */
    public boolean call(Run run, ToolCall call, List<TranscriptEntry> transcript, @Nullable Step begun,
            @Nullable RiskTier tier) {
        Step step = begun != null ? begun : beginReported(run, call);
        Dispatch dispatch;
        if (tier == RiskTier.READ) {
            AuditLog.Held<Dispatch> held = audit.holding(() -> dispatcher.dispatch(run, call, step.stepNo()));
            if (held.value() instanceof Dispatch.Done done) {
                committer.toolResult(run, step, call, done.result(), held.events());
                return false;
            }
            audit.recordAll(held.events());
            dispatch = held.value();
        } else {
            dispatch = dispatcher.dispatch(run, call, step.stepNo());
        }
        if (dispatch instanceof Dispatch.NeedsApproval approval) {
            StagedAction action = approvals.stage(run, step.stepNo(), call.toolCallId(), approval.tool().name(),
                    approval.arguments(), approval.tool().tier().wireName(), approval.decision(),
                    rationale(transcript), approval.preview());
            store.parkStep(step, "waiting for approval of action " + action.id());
            return parking.awaitDecision(run, action);
        }
        committer.toolResult(run, step, call, ((Dispatch.Done) dispatch).result());
        return false;
    }

    /** Refuses a call to a tool outside the agent's tools, audited with the rule {@code agent:<name>:tools}. */
    public boolean refuse(Run run, AgentDefinition agent, ToolCall call) {
        Step step = begin(run, call);
        committer.refused(run, step, call, ToolResult.error("you (" + agent.name() + ") may not call "
                + call.toolName() + "; your tools: " + String.join(", ", catalog.toolNames(agent))),
                call.toolName() + " → deny: not among the tools of " + agent.name(), Map.of("tool", call.toolName(),
                        "toolCallId", call.toolCallId(), "decision", "deny", "ruleId",
                        "agent:" + agent.name() + ":tools"));
        return false;
    }

    /**
     * A call policy let run without approval was started by a worker that stopped before recording its result: it
     * may or may not have happened, so it is not run again. The model is told so, the thread says so, and the audit
     * log records {@code action.in_doubt}.
     */
    public boolean inDoubt(Run run, ToolCall call) {
        Step step = begin(run, call);
        store.atomically(() -> {
            audit.record(run.id(), "action.in_doubt", null, step.stepNo(), call.toolName() + " (call "
                    + call.toolCallId() + ") was running when its worker stopped; it will not be repeated",
                    Map.of("toolCallId", call.toolCallId(), "tool", call.toolName()));
            reporter.report(run, new Report.CallInDoubt(call.toolName(), step.stepNo()));
        });
        committer.toolResult(run, step, call, ToolResult.error("this " + call.toolName() + " call was interrupted; "
                + "it may or may not have happened and was not repeated. Check its effect before trying again."));
        return false;
    }

    /** @return what the status message shows while {@code call} runs */
    static String activity(ToolCall call) {
        return "calling " + call.toolName();
    }

    /** Begins the call's step attempt (committed at once, so a retry takes the next attempt number). */
    Step begin(Run run, ToolCall call) {
        return begin(run, call, null);
    }

    private Step begin(Run run, ToolCall call, @Nullable List<Step> earlier) {
        return store.beginStep(earlier, run.id(), run.stepCount() + 1, StepKind.TOOL_CALL, call.toolName(),
                call.toolCallId());
    }

    /** Begins the call's step attempt, as {@link #begin}, and shows it in the status message. */
    Step beginReported(Run run, ToolCall call) {
        return beginReported(run, call, null);
    }

    /**
     * Begins the call's step attempt and shows it, as {@link #beginReported(Run, ToolCall)}, its attempt number from
     * {@code earlier}, the run's step attempts read in the caller's transaction (null: asked of the database).
     */
    Step beginReported(Run run, ToolCall call, @Nullable List<Step> earlier) {
        Step step = begin(run, call, earlier);
        progress.report(run, step.stepNo(), activity(call));
        return step;
    }

    /** @return what the model said alongside its latest tool calls, if anything */
    private static String rationale(List<TranscriptEntry> transcript) {
        for (int i = transcript.size() - 1; i >= 0; i--) {
            if (transcript.get(i).role() == TranscriptRole.ASSISTANT) {
                return transcript.get(i).content();
            }
        }
        return null;
    }
}
