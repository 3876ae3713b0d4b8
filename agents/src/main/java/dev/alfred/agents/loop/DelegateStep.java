package dev.alfred.agents.loop;

import dev.alfred.agents.run.RunLookups;
import dev.alfred.agents.run.RunWaker;
import dev.alfred.agents.report.Report;
import dev.alfred.agents.report.RunReporter;
import dev.alfred.agents.tools.ToolDispatcher;
import dev.alfred.agents.catalog.AgentDefaults;
import dev.alfred.agents.audit.AuditLog;
import dev.alfred.agents.catalog.AgentCatalog;
import dev.alfred.agents.catalog.AgentDefinition;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.Step;
import dev.alfred.agents.tools.ToolOutput;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.agents.tools.delegate.DelegateTool;
import dev.alfred.policies.PolicyDecision;
import dev.alfred.agents.tools.ToolCall;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run loop's {@code delegate} step. The first time: validate the arguments, ask the policy (a rule may deny
 * {@code delegate}; it is never staged for approval, since every call the sub-run makes is judged on its own), start
 * the sub-run ({@link SubRunStarts#start}) and park the parent in {@code WAITING_FOR_SUBRUN}, in one transaction. When
 * the sub-run has ended, the step is taken again and its outcome becomes the tool result: the final answer (marked
 * as untrusted data like any tool output, since tool outputs shaped it), or why it failed or was cancelled.
 */
@Singleton
public class DelegateStep {
    private final RunStore store;
    private final AgentCatalog catalog;
    private final SubRunStarts subRuns;
    private final ToolDispatcher dispatcher;
    private final RunReporter reporter;
    private final AuditLog audit;
    private final RunWaker waker;
    private final ToolCallStep calls;
    private final StepCommitter committer;
    private final Parking parking;
    private final RunLookups lookups;

    public DelegateStep(RunStore store, AgentCatalog catalog, SubRunStarts subRuns, ToolDispatcher dispatcher,
            RunReporter reporter, AuditLog audit, RunWaker waker, ToolCallStep calls, StepCommitter committer,
            Parking parking, RunLookups lookups) {
        this.lookups = lookups;
        this.store = store;
        this.catalog = catalog;
        this.subRuns = subRuns;
        this.dispatcher = dispatcher;
        this.reporter = reporter;
        this.audit = audit;
        this.waker = waker;
        this.calls = calls;
        this.committer = committer;
        this.parking = parking;
    }

    /**
     * Takes the step.
     *
     * @return true when the parent is parked, false when it goes on (with the tool result committed)
     */
    public boolean take(Run run, ToolCall call) {
        Step step = calls.begin(run, call);
        Optional<Run> started = lookups.child(run.id(), call.toolCallId());
        if (started.isPresent()) {
            return resume(run, call, step, started.get());
        }
        Optional<String> refusal = refusal(run, call, step.stepNo());
        if (refusal.isPresent()) {
            commit(run, step, call, ToolResult.error(refusal.get()));
            return false;
        }
        AgentDefinition agent = catalog.find(call.argument("agent")).orElseThrow();
        String brief = call.argument("brief").strip();
        Run[] child = new Run[1];
        store.atomically(() -> {
            child[0] = subRuns.start(run, call.toolCallId(), agent, brief);
            parking.markWaitingForSubRun(run, step, child[0]);
            reporter.report(run, new Report.SubRunStarted(child[0]));
        });
        waker.wake(child[0].id());
        return parking.forSubRun(run, step, child[0].id(), agent.name());
    }

    private boolean resume(Run run, ToolCall call, Step step, Run child) {
        if (!child.status().isTerminal()) {
            if (!parking.markWaitingForSubRun(run, step, child)) {
                return true;
            }
            return parking.forSubRun(run, step, child.id(), child.agent());
        }
        String who = child.agent() + " (sub-run " + child.id() + ")";
        ToolResult result = switch (child.status()) {
            case SUCCEEDED -> ToolOutput.wrap(DelegateTool.NAME, ToolResult.ok(who + " answered:\n"
                    + child.finalAnswer()), ToolOutput.DEFAULT_MAX_CHARS);
            case FAILED -> ToolResult.error(who + " failed: " + child.failureReason());
            default -> ToolResult.error(who + " was cancelled: " + child.failureReason());
        };
        audit.record(run.id(), "subrun.result", null, step.stepNo(), who + " ended " + child.status().name()
                .toLowerCase(java.util.Locale.ROOT), Map.of("subRunId", child.id(), "agent", child.agent(),
                "status", child.status().name(), "toolCallId", call.toolCallId()));
        commit(run, step, call, result);
        return false;
    }

    private Optional<String> refusal(Run run, ToolCall call, int stepNo) {
        List<String> problems = dispatcher.validate(DelegateTool.NAME, call.arguments());
        if (!problems.isEmpty()) {
            return Optional.of(String.join("; ", problems));
        }
        String target = call.argument("agent");
        String brief = call.argument("brief");
        Optional<AgentDefinition> agent = catalog.find(target);
        if (agent.isEmpty() || target.equals(AgentDefaults.BOSS) || target.equals(run.agent())) {
            return Optional.of("cannot delegate to '" + target + "': delegate to one of "
                    + String.join(", ", catalog.names().stream().filter(name -> !name.equals(AgentDefaults.BOSS)
                            && !name.equals(run.agent())).toList()));
        }
        if (brief == null || brief.isBlank() || brief.length() > DelegateTool.MAX_BRIEF_CHARS) {
            return Optional.of("the brief must be 1-" + DelegateTool.MAX_BRIEF_CHARS + " characters");
        }
        if (subRuns.depth(run) + 1 > SubRunStarts.MAX_DEPTH) {
            return Optional.of("this run is already " + SubRunStarts.MAX_DEPTH + " levels of delegation deep; do the "
                    + "work yourself or answer with what you have");
        }
        PolicyDecision decision = dispatcher.judge(run, DelegateTool.NAME, call.arguments()).orElseThrow();
        audit.record(run.id(), "tool.call", null, stepNo, DelegateTool.NAME + " → " + decision.wireName()
                + " by rule " + decision.ruleId(), Map.of("tool", DelegateTool.NAME, "tier", "read", "toolCallId",
                call.toolCallId(), "decision", decision.wireName(), "ruleId", decision.ruleId(), "arguments",
                call.arguments()));
        if (decision instanceof PolicyDecision.Deny deny) {
            return Optional.of("denied by policy rule " + deny.ruleId() + ": " + deny.reason());
        }
        return Optional.empty();
    }

    private void commit(Run run, Step step, ToolCall call, ToolResult result) {
        committer.toolResult(run, step, call, result);
    }
}
