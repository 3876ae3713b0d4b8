package dev.alfred.agents.loop;

import dev.alfred.agents.report.RunNotifier;
import dev.alfred.agents.report.RunProgress;
import dev.alfred.agents.run.RunnerSettings;
import dev.alfred.agents.tools.Dispatch;
import dev.alfred.agents.tools.ToolDispatcher;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.events.RunInbox;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.approvals.StagedActionStatus;
import dev.alfred.agents.audit.AuditLog;
import dev.alfred.agents.fleet.Fleet;
import dev.alfred.agents.fleet.FleetPause;
import dev.alfred.agents.fleet.ProviderBlock;
import dev.alfred.agents.fleet.ProviderBlocks;
import dev.alfred.agents.metrics.AlfredMetrics;
import dev.alfred.agents.catalog.AgentCatalog;
import dev.alfred.agents.catalog.AgentDefinition;
import dev.alfred.agents.model.ModelCalls;
import dev.alfred.agents.model.ModelErrors;
import dev.alfred.agents.tools.ToolCall;
import dev.alfred.agents.tools.ToolCalls;
import dev.alfred.agents.tools.ToolSpec;
import dev.alfred.agents.run.BlockKind;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore.StepOutput;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.Step;
import dev.alfred.agents.run.StepKind;
import dev.alfred.agents.run.StepStatus;
import dev.alfred.agents.run.TranscriptEntry;
import dev.alfred.agents.run.TranscriptRole;
import dev.alfred.agents.run.TurnUsage;
import dev.alfred.agents.spend.Spend;
import dev.alfred.agents.tools.ToolOutput;
import dev.alfred.agents.tools.ToolRegistry;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.agents.tools.human.AskHumanTool;
import dev.alfred.agents.tools.delegate.DelegateTool;
import dev.alfred.policies.Approvers;
import dev.alfred.policies.PolicyDecision;
import dev.alfred.policies.RiskTier;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advances a run as far as it can go now: the runtime owns the loop, never the model.
 *
 * <p>Each iteration is one step, committed before the next begins: either a model turn (the transcript and the tool
 * specifications go to the model; its reply is appended) or one pending tool call (dispatched through policy; its
 * result is appended). The loop ends on a final answer, a failure, or the step limit; each ends in a visible state
 * reported through {@link RunNotifier}. A worker that dies mid-step leaves the step's attempt {@code STARTED}; the
 * retry rebuilds everything from the committed transcript and takes the next attempt number, so no committed step
 * is repeated.
 */
@Singleton
public class RunRunner {
    private static final Logger LOG = LoggerFactory.getLogger(RunRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunStore store;
    private final ModelCalls models;
    private final ToolRegistry tools;
    private final ToolDispatcher dispatcher;
    private final RunNotifier notifier;
    private final StepObserver observer;
    private final Approvals approvals;
    private final RunInbox inbox;
    private final RunnerSettings settings;
    private final Clock clock;
    private final AuditLog audit;
    private final Fleet fleet;
    private final ProviderBlocks providerBlocks;
    private final BudgetGate budget;
    private final Spend spend;
    private final AgentCatalog catalog;
    private final Delegation delegation;
    private final AlfredMetrics metrics;
    /**
     * Rounds one {@link #advance} call takes at most: a reply or decision that unparks the run while this worker
     * still holds its lease cannot wake anyone else (they find the lease taken), so this worker looks again.
     */
    private static final int MAX_ROUNDS = 3;
    /** This process's prefix for lease owners; each {@link #advance} call adds its own suffix. */
    private final String processId;
    /** Renews the leases of the runs this process is advancing. */
    private final ScheduledExecutorService leaseTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "alfred-lease-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public RunRunner(RunStore store, ModelCalls models, ToolRegistry tools, ToolDispatcher dispatcher,
            RunNotifier notifier, StepObserver observer, Approvals approvals, RunInbox inbox, RunnerSettings settings,
            Clock clock, AuditLog audit, Fleet fleet, ProviderBlocks providerBlocks, BudgetGate budget, Spend spend,
            AgentCatalog catalog, Delegation delegation, AlfredMetrics metrics) {
        this.metrics = metrics;
        this.catalog = catalog;
        this.delegation = delegation;
        this.providerBlocks = providerBlocks;
        this.budget = budget;
        this.spend = spend;
        this.store = store;
        this.models = models;
        this.tools = tools;
        this.dispatcher = dispatcher;
        this.notifier = notifier;
        this.observer = observer;
        this.approvals = approvals;
        this.inbox = inbox;
        this.settings = settings;
        this.clock = clock;
        this.audit = audit;
        this.fleet = fleet;
        this.processId = settings.getWorkerId() != null && !settings.getWorkerId().isBlank() ? settings.getWorkerId()
                : "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @PreDestroy
    void close() {
        leaseTimer.shutdownNow();
    }

    /**
     * Advances the run until it ends or parks. Idempotent: a run that is missing, not advanceable, or claimed by
     * another live worker is left alone. Lines logged meanwhile on this thread carry the run in their MDC
     * ({@link RunLogContext}).
     *
     * @param runId the run's id
     * @throws TransientStepException when a step failed for a reason that may pass; retry the call later
     */
    public void advance(String runId) {
        try (RunLogContext logContext = RunLogContext.open(runId)) {
            for (int round = 0; round < MAX_ROUNDS && advanceOnce(runId); round++) {
                LOG.debug("run {} was unparked while this worker held it; taking it up again", runId);
            }
        }
    }

    /** @return true when the run was unparked ({@code QUEUED}) while this worker held its lease */
    private boolean advanceOnce(String runId) {
        Optional<Run> found = store.find(runId);
        if (found.isEmpty() || !found.get().status().isAdvanceable()) {
            LOG.debug("run {} is not advanceable now: {}", runId, found.map(Run::status).orElse(null));
            return false;
        }
        String owner = processId + "-" + UUID.randomUUID().toString().substring(0, 8);
        if (!store.acquireLease(runId, owner, leaseUntil())) {
            LOG.debug("run {} is being advanced by another worker", runId);
            return false;
        }
        try (LeaseHeartbeat heartbeat = LeaseHeartbeat.start(leaseTimer, store, runId, owner,
                settings.getLeaseDuration(), clock)) {
            store.transition(runId, RunStatus.QUEUED, RunStatus.RUNNING);
            loop(openThread(store.find(runId).orElseThrow()), owner);
        } finally {
            store.releaseLease(runId, owner);
        }
        return store.find(runId).map(run -> run.status() == RunStatus.QUEUED).orElse(false);
    }

    private Run openThread(Run run) {
        if (run.threadTs() != null) {
            return run;
        }
        store.setThreadTs(run.id(), notifier.openThread(run));
        return store.find(run.id()).orElseThrow();
    }

    private void loop(Run run, String owner) {
        while (true) {
            run = store.find(run.id()).orElseThrow();
            RunLogContext.describe(run);
            if (run.status() != RunStatus.RUNNING) {
                return;
            }
            Optional<FleetPause> pause = fleet.pauseFor(run);
            if (pause.isPresent() && parkPaused(run, pause.get())) {
                return;
            }
            if (run.stepCount() >= run.maxSteps()) {
                fail(run, "the run reached its limit of " + run.maxSteps() + " steps without a final answer");
                return;
            }
            List<TranscriptEntry> transcript = store.transcript(run.id());
            Optional<ToolCall> pending = ToolCalls.nextPending(transcript);
            boolean finished;
            if (pending.isPresent()) {
                finished = toolStep(run, catalog.resolve(run.agent()), pending.get(), transcript);
            } else if (inbox.drainInputs(run) > 0) {
                continue;
            } else {
                finished = modelStep(run, catalog.resolve(run.agent()), transcript);
            }
            if (finished) {
                return;
            }
            if (!store.acquireLease(run.id(), owner, leaseUntil())) {
                LOG.warn("run {} lost its lease to another worker; stopping here", run.id());
                return;
            }
        }
    }

    /**
     * Parks the run {@code PAUSED} before its next step. A resume that landed while the run was still
     * {@code RUNNING} could not see it, so the pause is read again after parking, and the run goes on at once if
     * it was lifted meanwhile.
     *
     * @return true when the run is parked (or no longer running), false when it goes on
     */
    private boolean parkPaused(Run run, FleetPause pause) {
        if (!store.transition(run.id(), RunStatus.RUNNING, RunStatus.PAUSED)) {
            return true;
        }
        if (fleet.pauseFor(run).isEmpty()) {
            return !store.transition(run.id(), RunStatus.PAUSED, RunStatus.RUNNING);
        }
        audit.record(run.id(), "run.paused", pause.pausedBy(), run.stepCount(), "paused before step "
                + (run.stepCount() + 1) + ": " + pause.describe() + " is paused", null);
        String resume = pause.scope().equals(Fleet.FLEET) ? "fleet"
                : pause.scope().substring(Fleet.AGENT_PREFIX.length());
        try {
            notifier.notice(run, ":double_vertical_bar: Paused before step " + (run.stepCount() + 1) + ": "
                    + pause.describe() + " was paused by <@" + pause.pausedBy() + ">. `/alfred resume " + resume
                    + "` lets it continue.");
        } catch (RuntimeException e) {
            LOG.warn("could not say in its thread that run {} paused: {}", run.id(), e.toString());
        }
        report(run, run.stepCount(), "paused");
        return true;
    }

    private boolean modelStep(Run run, AgentDefinition agent, List<TranscriptEntry> transcript) {
        Optional<String> unavailable = models.unavailable(agent);
        if (unavailable.isPresent()) {
            fail(run, unavailable.get());
            return true;
        }
        Optional<ProviderBlock> block = providerBlocks.current();
        if (block.isPresent()) {
            return parkBlocked(run, block.get());
        }
        Gate gate = budget.check(run);
        if (gate instanceof Gate.End end) {
            end(run, end);
            return true;
        }
        if (gate instanceof Gate.Parked) {
            report(run, run.stepCount(), "blocked at its spend cap");
            return true;
        }
        List<ToolSpec> specifications = catalog.toolSpecifications(agent);
        Optional<Compaction.Plan> compaction = Compaction.plan(agent, store.steps(run.id()), transcript,
                specifications);
        if (compaction.isPresent()) {
            return compact(run, agent, compaction.get());
        }
        int stepNo = run.stepCount() + 1;
        Step step = store.beginStep(run.id(), stepNo, StepKind.MODEL_TURN, null, null);
        report(run, stepNo, "thinking");
        ModelCalls.Reply answer;
        try {
            answer = models.turn(agent, transcript, specifications);
        } catch (RuntimeException e) {
            return modelCallFailed(run, step, e);
        }
        List<ToolCall> calls = withCallIds(answer.toolCalls(), stepNo);
        TurnUsage usage = spend.meter(answer.model(), answer.inputTokens(), answer.outputTokens());
        metrics.modelTurn(run.agent(), usage);
        store.commitModelTurn(step, new StepOutput(TranscriptRole.ASSISTANT, answer.text(),
                ToolCalls.toJson(calls), null, null), usage);
        Map<String, Object> data = modelTurnData(usage, calls);
        data.put("fallback", answer.fallback());
        data.put("firstFailure", answer.firstFailure());
        audit.record(run.id(), "model.turn", null, stepNo, answer.label() + (answer.fallback()
                ? " (fallback; " + answer.firstFailure() + ")" : "") + ": " + (answer.inputTokens() == null
                ? "no usage reported" : answer.inputTokens() + " prompt + " + answer.outputTokens()
                        + " completion tokens") + ", " + (usage.priced() ? Spend.usd(usage.costUsd())
                                : "cost unknown (no price for " + usage.model() + ")")
                + (!calls.isEmpty() ? ", " + calls.size() + " tool call(s)" : ", answer"), data);
        committed(run, step);
        if (!calls.isEmpty()) {
            return false;
        }
        if (answer.text() == null || answer.text().isBlank()) {
            fail(run, "the model returned an empty answer");
        } else {
            succeed(run, answer.text());
        }
        return true;
    }

    /** A model call that failed: a rate limit blocks the fleet; other failures retry the step or fail the run. */
    private boolean modelCallFailed(Run run, Step step, RuntimeException e) {
        if (ModelErrors.isRateLimit(e)) {
            String reason = ModelErrors.describe(e);
            store.failStep(step, reason);
            return parkBlocked(run, providerBlocks.block(clock.instant().plus(models.blockFor(e)), reason));
        }
        return modelFailed(run, step, e);
    }

    /**
     * A compaction step: the agent's model summarises the older turns into one {@code SUMMARY} entry, recorded and
     * priced like a model turn, audited as {@code transcript.compacted}.
     *
     * @return false: the run goes on with its model turn
     */
    private boolean compact(Run run, AgentDefinition agent, Compaction.Plan plan) {
        int stepNo = run.stepCount() + 1;
        Step step = store.beginStep(run.id(), stepNo, StepKind.COMPACTION, null, null);
        report(run, stepNo, "compacting older turns");
        ModelCalls.Reply answer;
        try {
            answer = models.summarise(agent, Compaction.instructions(plan), Compaction.text(plan));
        } catch (RuntimeException e) {
            return modelCallFailed(run, step, e);
        }
        String summary = answer.text();
        if (summary == null || summary.isBlank()) {
            fail(run, "the model returned an empty summary when its transcript had to be compacted");
            return true;
        }
        TurnUsage usage = spend.meter(answer.model(), answer.inputTokens(), answer.outputTokens());
        metrics.modelTurn(run.agent(), usage);
        store.atomically(() -> {
            store.commitSummary(step, summary, plan.coversSeq(), usage);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("fromSeq", plan.entries().get(0).seq());
            data.put("coversSeq", plan.coversSeq());
            data.put("entries", plan.entries().size());
            data.put("promptTokensBefore", plan.promptSize());
            data.put("budgetTokens", plan.budget());
            data.put("model", usage.model());
            data.put("inputTokens", usage.inputTokens());
            data.put("outputTokens", usage.outputTokens());
            audit.record(run.id(), "transcript.compacted", null, stepNo, plan.entries().size() + " older entries "
                    + "summarised: the next prompt would have been about " + plan.promptSize() + " tokens, over "
                    + Compaction.TRIGGER_PERCENT + "% of the agent's budget of " + plan.budget(), data);
        });
        committed(run, step);
        return false;
    }

    private Map<String, Object> modelTurnData(TurnUsage usage, List<ToolCall> calls) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("model", usage.model());
        data.put("inputTokens", usage.inputTokens());
        data.put("outputTokens", usage.outputTokens());
        data.put("costUsd", usage.priced() ? usage.costUsd().toPlainString() : null);
        data.put("priced", usage.priced());
        data.put("toolCalls", calls.size());
        return data;
    }

    /**
     * Parks the run {@code BLOCKED} behind the provider block and says so in its thread. A lift that landed while
     * the run was still {@code RUNNING} could not see it, so the block is read again after parking, and the run
     * goes on at once if it was lifted meanwhile.
     *
     * @return true when the run is parked, false when it goes on
     */
    private boolean parkBlocked(Run run, ProviderBlock block) {
        String reason = "the model provider limited Alfred (" + block.reason() + ")";
        if (!store.block(run.id(), BlockKind.PROVIDER_LIMIT, reason + "; blocked until " + block.blockedUntil())) {
            return true;
        }
        if (providerBlocks.current().isEmpty()) {
            return !store.unblock(run.id(), BlockKind.PROVIDER_LIMIT, RunStatus.RUNNING);
        }
        audit.record(run.id(), "run.blocked", null, run.stepCount(), "blocked before step " + (run.stepCount() + 1)
                + ": " + reason, Map.of("kind", BlockKind.PROVIDER_LIMIT.name(),
                "until", block.blockedUntil().toString()));
        try {
            notifier.notice(run, ":no_entry: Blocked before step " + (run.stepCount() + 1) + ": " + reason
                    + ". Every run waits until " + notifier.when(block.blockedUntil()) + " instead of calling "
                    + "the provider again, then continues by itself.");
        } catch (RuntimeException e) {
            LOG.warn("could not say in its thread that run {} is blocked: {}", run.id(), e.toString());
        }
        report(run, run.stepCount(), "blocked: model provider limit");
        return true;
    }

    private void end(Run run, Gate.End end) {
        if (end.status() == RunStatus.CANCELLED) {
            if (store.finish(run.id(), RunStatus.CANCELLED, null, end.reason())) {
                report(run, run.stepCount(), "cancelled", true);
                notifier.notice(run, ":stop_sign: Run `" + run.id() + "` ended: " + end.reason() + ".");
            }
        } else {
            fail(run, end.reason());
        }
    }

    private boolean modelFailed(Run run, Step step, RuntimeException e) {
        String reason = ModelErrors.describe(e);
        store.failStep(step, reason);
        if (ModelErrors.isTransient(e) && step.attempt() < settings.getMaxAttemptsPerStep()) {
            LOG.warn("run {} step {} attempt {} failed, will retry: {}", run.id(), step.stepNo(), step.attempt(),
                    reason);
            throw new TransientStepException("model call failed: " + reason, e);
        }
        LOG.warn("run {} failed at step {}: {}", run.id(), step.stepNo(), reason, e);
        fail(run, "the model call failed: " + reason);
        return true;
    }

    private boolean toolStep(Run run, AgentDefinition agent, ToolCall call,
            List<TranscriptEntry> transcript) {
        Optional<StagedAction> staged = approvals.forCall(run.id(), call.toolCallId());
        if (staged.isPresent()) {
            return stagedStep(run, staged.get());
        }
        Optional<Boolean> guarded = loopGuard(run, call, transcript);
        if (guarded.isPresent()) {
            return guarded.get();
        }
        int stepNo = run.stepCount() + 1;
        boolean interrupted = !AskHumanTool.NAME.equals(call.toolName()) && hasSideEffects(call.toolName())
                && store.steps(run.id()).stream().anyMatch(earlier -> earlier.stepNo() == stepNo
                        && call.toolCallId().equals(earlier.toolCallId()) && earlier.status() == StepStatus.STARTED);
        Step step = store.beginStep(run.id(), stepNo, StepKind.TOOL_CALL, call.toolName(), call.toolCallId());
        if (interrupted) {
            return inDoubt(run, step, call);
        }
        if (tools.find(call.toolName()).isPresent() && !agent.allows(call.toolName())) {
            audit.record(run.id(), "tool.call", null, stepNo, call.toolName() + " → deny: not among the tools of "
                    + agent.name(), Map.of("tool", call.toolName(), "toolCallId", call.toolCallId(), "decision", "deny",
                    "ruleId", "agent:" + agent.name() + ":tools"));
            commitToolResult(run, step, call, ToolResult.error("you (" + agent.name() + ") may not call " + call.toolName()
                    + "; your tools: " + String.join(", ", catalog.toolNames(agent))));
            return false;
        }
        if (AskHumanTool.NAME.equals(call.toolName())) {
            return askHuman(run, call, step);
        }
        if (DelegateTool.NAME.equals(call.toolName())) {
            return delegation.step(run, call, step, activity -> report(run, step.stepNo(), activity));
        }
        report(run, stepNo, "calling " + call.toolName());
        Dispatch dispatch = dispatcher.dispatch(run, call, stepNo);
        if (dispatch instanceof Dispatch.NeedsApproval approval) {
            StagedAction action = approvals.stage(run, stepNo, call.toolCallId(), approval.tool().name(),
                    approval.arguments(), approval.tool().tier().wireName(), approval.decision(),
                    rationale(transcript));
            store.parkStep(step, "waiting for approval of action " + action.id());
            return awaitDecision(run, action);
        }
        commitToolResult(run, step, call, ((Dispatch.Done) dispatch).result());
        return false;
    }

    /** @return whether the tool may change something outside Alfred (any tier but read; unknown tools do nothing) */
    private boolean hasSideEffects(String toolName) {
        return tools.find(toolName).map(tool -> tool.tier() != RiskTier.READ).orElse(false);
    }

    /**
     * A call policy let run without approval was started by a worker that stopped before recording its result: it
     * may or may not have happened, so it is not run again. The model is told so, the thread says so, and the audit
     * log records {@code action.in_doubt}.
     */
    private boolean inDoubt(Run run, Step step, ToolCall call) {
        store.atomically(() -> {
            audit.record(run.id(), "action.in_doubt", null, step.stepNo(), call.toolName() + " (call " + call.toolCallId()
                    + ") was running when its worker stopped; it will not be repeated",
                    Map.of("toolCallId", call.toolCallId(), "tool", call.toolName()));
            notifier.notice(run, ":warning: A " + call.toolName() + " call (step " + step.stepNo() + ") was running "
                    + "when its worker stopped. It may or may not have happened, and Alfred will not repeat it "
                    + "by itself.");
        });
        commitToolResult(run, step, call, ToolResult.error("this " + call.toolName() + " call was interrupted; it may or "
                + "may not have happened and was not repeated. Check its effect before trying again."));
        return false;
    }

    /**
     * The loop guard: the same tool call with the same arguments made {@code alfred.runs.loop-guard-repeats} times
     * (since the requester last let it go on) parks the run behind a hold that asks the requester whether to
     * continue. Continuing lets the call go through policy as usual; it approves nothing else.
     *
     * @return empty to go on with the call, otherwise what the step returns (parked or ended)
     */
    private Optional<Boolean> loopGuard(Run run, ToolCall call, List<TranscriptEntry> transcript) {
        String holdCallId = StagedAction.LOOP_CALL_PREFIX + call.toolCallId();
        Optional<StagedAction> hold = approvals.forCall(run.id(), holdCallId);
        if (hold.isEmpty()) {
            Set<String> continued = approvals.ofRun(run.id()).stream()
                    .filter(action -> StagedAction.CONTINUE_LOOP.equals(action.toolName()))
                    .filter(action -> action.status() == StagedActionStatus.EXECUTED)
                    .map(action -> action.toolCallId().substring(StagedAction.LOOP_CALL_PREFIX.length()))
                    .collect(Collectors.toSet());
            int repeats = LoopGuard.repeats(ToolCalls.all(transcript), call, continued);
            if (repeats < settings.getLoopGuardRepeats()) {
                return Optional.empty();
            }
            ObjectNode arguments = JSON.createObjectNode().put("tool", call.toolName())
                    .put("arguments", call.argumentsOrEmpty()).put("repeats", repeats);
            StagedAction staged = approvals.stageHold(run, holdCallId, StagedAction.CONTINUE_LOOP,
                    arguments.toString(), new PolicyDecision.RequireApproval("loop-guard", Approvers.requesterOnly(),
                            null), "The agent called " + call.toolName() + " " + repeats
                            + " times with the same arguments.");
            return Optional.of(awaitDecision(run, staged));
        }
        StagedAction action = hold.get();
        switch (action.status()) {
            case PENDING -> {
                return Optional.of(awaitDecision(run, action));
            }
            case APPROVED -> {
                if (approvals.claimForExecution(action)) {
                    approvals.completeHold(action, "loop.continued", "<@" + action.decidedBy()
                            + "> let the run go on calling " + call.toolName() + " with the same arguments",
                            Map.of("actionId", action.id(), "tool", call.toolName()));
                }
                return Optional.empty();
            }
            case EXECUTING, EXECUTED -> {
                return Optional.empty();
            }
            case EXPIRED -> {
                fail(run, "it kept calling " + call.toolName() + " with the same arguments and nobody answered "
                        + "whether it should go on");
                return Optional.of(true);
            }
            default -> {
                end(run, new Gate.End(RunStatus.CANCELLED, "<@" + action.decidedBy() + "> stopped it after it "
                        + "kept calling " + call.toolName() + " with the same arguments"));
                return Optional.of(true);
            }
        }
    }

    private boolean askHuman(Run run, ToolCall call, Step step) {
        String question = call.argument("question");
        if (question == null || question.isBlank()) {
            commitToolResult(run, step, call, ToolResult.error("ask_human needs a non-empty \"question\""));
            return false;
        }
        store.atomically(() -> {
            notifier.question(run, question);
            store.parkStep(step, "waiting for a reply");
            store.transition(run.id(), RunStatus.RUNNING, RunStatus.WAITING_FOR_REPLY);
        });
        if (inbox.answerFromInputs(run.id(), step.startedAt())) {
            store.transition(run.id(), RunStatus.QUEUED, RunStatus.RUNNING);
            return false;
        }
        report(run, step.stepNo(), "waiting for your reply");
        return true;
    }

    /** Takes up a call that was staged for approval, according to what became of it. */
    private boolean stagedStep(Run run, StagedAction action) {
        int stepNo = run.stepCount() + 1;
        switch (action.status()) {
            case PENDING -> {
                return awaitDecision(run, action);
            }
            case APPROVED -> {
                if (!approvals.claimForExecution(action)) {
                    return false;
                }
                Step step = store.beginStep(run.id(), stepNo, StepKind.TOOL_CALL, action.toolName(),
                        action.toolCallId());
                report(run, stepNo, "running approved " + action.toolName());
                ToolResult result = dispatcher.executeApproved(run, action.toolName(), action.toolCallId(),
                        action.effectiveArguments(), action.idempotencyKey());
                String forModel = action.editedArguments() == null ? result.content()
                        : "Approved after <@" + action.decidedBy() + "> edited the arguments; the call ran with "
                                + action.editedArguments() + " instead of " + action.arguments() + ".\n"
                                + result.content();
                approvals.completeExecution(action, step, forModel, ToolOutput.content(result.content()));
                committed(run, step);
                return false;
            }
            case EXECUTING, IN_DOUBT -> {
                store.atomically(() -> {
                    approvals.markInDoubt(action);
                    notifier.notice(run, ":warning: Approved action `" + action.id() + "` (" + action.toolName()
                            + ") was being executed when its worker stopped. It may or may not have happened, and "
                            + "it will not be repeated without a new approval.");
                });
                return closeStaged(run, action, ToolResult.error("the approved " + action.toolName()
                        + " call was interrupted; it may or may not have happened and was not repeated. Check its "
                        + "effect before trying again."));
            }
            case REJECTED -> {
                return closeStaged(run, action, ToolResult.error("rejected by <@" + action.decidedBy() + ">"
                        + (action.decisionNote() == null || action.decisionNote().isBlank() ? ""
                                : ": " + action.decisionNote()) + ". The call was not made."));
            }
            case EXPIRED -> {
                return closeStaged(run, action, ToolResult.error("the approval request for this "
                        + action.toolName() + " call expired without a decision; the call was not made. "
                        + "This is not a rejection: you may ask again if it is still needed."));
            }
            default -> {
                return closeStaged(run, action, ToolResult.error("the call was withdrawn and not made"));
            }
        }
    }

    /**
     * Parks the run behind a pending action: posts its card (once; a retry finds it posted), then moves the run to
     * {@code WAITING_FOR_APPROVAL}. A decision that landed while the run was still {@code RUNNING} could not unpark
     * it, so the action is read again after parking, and the run goes on at once if it was decided meanwhile.
     *
     * @return true when the run is parked, false when it goes on
     */
    private boolean awaitDecision(Run run, StagedAction action) {
        notifier.approvalRequested(run, action);
        store.transition(run.id(), RunStatus.RUNNING, RunStatus.WAITING_FOR_APPROVAL);
        StagedAction now = approvals.find(action.id()).orElseThrow();
        if (now.status().isOpen()) {
            report(run, action.stepNo(), "waiting for approval of " + action.toolName());
            return true;
        }
        store.transition(run.id(), RunStatus.WAITING_FOR_APPROVAL, RunStatus.RUNNING);
        store.transition(run.id(), RunStatus.QUEUED, RunStatus.RUNNING);
        return false;
    }

    private boolean closeStaged(Run run, StagedAction action, ToolResult result) {
        Step step = store.beginStep(run.id(), run.stepCount() + 1, StepKind.TOOL_CALL, action.toolName(),
                action.toolCallId());
        store.commitStep(step, new StepOutput(TranscriptRole.TOOL_RESULT, result.content(), null,
                action.toolCallId(), action.toolName()), null, null);
        committed(run, step);
        return false;
    }

    private void commitToolResult(Run run, Step step, ToolCall call, ToolResult result) {
        store.commitStep(step, new StepOutput(TranscriptRole.TOOL_RESULT, result.content(), null, call.toolCallId(),
                call.toolName()), null, null);
        committed(run, step);
    }

    /** After a step's commit: its duration is metered, then the observer hears of it. */
    private void committed(Run run, Step step) {
        metrics.stepCommitted(run.agent(), step);
        observer.afterCommit(step);
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

    /** Ends the run with its answer; the answer is enqueued for the thread in the same transaction. */
    private void succeed(Run run, String answer) {
        store.atomically(() -> {
            if (store.finish(run.id(), RunStatus.SUCCEEDED, answer, null)) {
                report(run, run.stepCount() + 1, "done", true);
                notifier.finalAnswer(run, answer);
            }
        });
    }

    /** Ends the run as failed; the reason is enqueued for the thread in the same transaction. */
    private void fail(Run run, String reason) {
        store.atomically(() -> {
            if (store.finish(run.id(), RunStatus.FAILED, null, reason)) {
                report(run, run.stepCount(), "failed", true);
                notifier.failed(run, reason);
            }
        });
    }

    private void report(Run run, int stepNo, String activity) {
        report(run, stepNo, activity, false);
    }

    private void report(Run run, int stepNo, String activity, boolean done) {
        Instant started = run.startedAt() == null ? run.createdAt() : run.startedAt();
        RunProgress progress = new RunProgress(Math.min(stepNo, run.maxSteps()), run.maxSteps(), activity,
                Duration.between(started, clock.instant()), done);
        try {
            notifier.progress(run, progress);
        } catch (RuntimeException e) {
            LOG.warn("could not update the status message of run {}: {}", run.id(), e.toString());
        }
    }

    /**
     * Gives every tool call an id unique within the run ({@code call_s<step>_<index>}): some OpenAI-compatible
     * servers leave ids out or reuse them across turns, and results and staged actions are matched by id. The
     * model only ever sees these ids back, so they stay consistent for it.
     */
    private static List<ToolCall> withCallIds(List<ToolCall> calls, int stepNo) {
        List<ToolCall> renamed = new ArrayList<>();
        for (ToolCall call : calls) {
            renamed.add(new ToolCall("call_s" + stepNo + "_" + renamed.size(), call.toolName(), call.arguments()));
        }
        return renamed;
    }

    private Instant leaseUntil() {
        return clock.instant().plus(settings.getLeaseDuration());
    }
}
