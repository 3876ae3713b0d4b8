package dev.alfred.agents.run;

import dev.alfred.agents.audit.AuditLog;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The transactions of a run's life. Each public method is one database transaction: what it writes is committed
 * together or not at all, which is what makes a committed step a checkpoint.
 */
@Singleton
public class RunStore {
    private final RunRepository runs;
    private final StepRepository steps;
    private final TranscriptRepository transcript;
    private final DeliveryRepository deliveries;
    private final Clock clock;
    private final AuditLog audit;
    private final ApplicationEventPublisher<RunEnded> ended;
    private final RunLeases leases;
    private final TurnCosts costs;

    public RunStore(RunRepository runs, StepRepository steps, TranscriptRepository transcript,
            DeliveryRepository deliveries, Clock clock, AuditLog audit, ApplicationEventPublisher<RunEnded> ended,
            RunLeases leases, TurnCosts costs) {
        this.leases = leases;
        this.costs = costs;
        this.audit = audit;
        this.ended = ended;
        this.runs = runs;
        this.steps = steps;
        this.transcript = transcript;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /**
     * Records a new run in {@code QUEUED} with its system prompt and task as the first transcript entries, unless the
     * delivery that asked for it was applied before.
     *
     * @param deliveryKey de-duplication key of the inbound request, e.g. {@code slack:command:<trigger_id>}
     * @return the new run, or empty when the delivery is a duplicate
     */
    @Transactional
    public Optional<Run> create(String deliveryKey, NewRun request) {
        Instant now = clock.instant();
        String runId = RunIds.next();
        if (deliveries.recordOnceForRun(deliveryKey, runId, now) == 0) {
            return Optional.empty();
        }
        Run run = runs.save(new Run(runId, request.agent(), request.task(), RunStatus.QUEUED,
                request.teamId(), request.channelId(), request.threadTs(), null, request.requesterUserId(), 0,
                request.maxSteps(), null, null, null, null, now, null, now, null, BigDecimal.ZERO, request.budgetUsd(),
                BigDecimal.ZERO, null, null, request.parentRunId(), request.parentCallId(), request.origin()));
        transcript.saveAll(List.of(
                entry(run.id(), 0, 0, TranscriptRole.SYSTEM, request.systemPrompt(), null, null, null, now),
                entry(run.id(), 1, 0, TranscriptRole.USER, request.task(), null, null, null, now)));
        Map<String, Object> data = new java.util.LinkedHashMap<>(Map.of("agent", request.agent(), "channelId",
                request.channelId(), "deliveryKey", deliveryKey, "origin", request.origin()));
        if (request.parentRunId() != null) {
            data.put("parentRunId", request.parentRunId());
            data.put("parentCallId", request.parentCallId());
        }
        audit.record(run.id(), request.parentRunId() == null ? "task.intake" : "subrun.started",
                request.requesterUserId(), 0, request.task(), data);
        return Optional.of(run);
    }

    /** @return the run with that id, if any */
    @Transactional(readOnly = true)
    public Optional<Run> find(String runId) {
        return runs.findById(runId);
    }

    /** @return the run's transcript in order */
    @Transactional(readOnly = true)
    public List<TranscriptEntry> transcript(String runId) {
        return transcript.findByRunIdOrderBySeqAsc(runId);
    }

    /** @return every attempt at every step of the run, in order */
    @Transactional(readOnly = true)
    public List<Step> steps(String runId) {
        return steps.findByRunIdOrdered(runId);
    }

    /**
     * Compare-and-set of the run's status; false when the run was not in {@code from}.
     *
     * @throws IllegalStateException when {@link RunTransitions} has no such move
     */
    @Transactional
    public boolean transition(String runId, RunStatus from, RunStatus to) {
        RunTransitions.check(from, to);
        return runs.transition(runId, from.name(), to.name(), clock.instant()) == 1;
    }

    @Transactional
    public void setThreadTs(String runId, String threadTs) {
        runs.updateThreadTs(runId, threadTs, clock.instant());
    }

    /**
     * Begins a step attempt and commits it, so a worker that dies during the step leaves a trace and the retry
     * takes the next attempt number.
     */
    @Transactional
    public Step beginStep(String runId, int stepNo, StepKind kind, @Nullable String toolName,
            @Nullable String toolCallId) {
        return beginStep(null, runId, stepNo, kind, toolName, toolCallId);
    }

    /**
     * Begins a step attempt as above, its attempt number from {@code earlier} when given: the run's step attempts as
     * read in the caller's transaction ({@link RunSnapshot#steps}), instead of asked of the database again.
     */
    @Transactional
    public Step beginStep(@Nullable List<Step> earlier, String runId, int stepNo, StepKind kind,
            @Nullable String toolName, @Nullable String toolCallId) {
        int attempt = 1 + (earlier == null ? steps.maxAttempt(runId, stepNo) : earlier.stream()
                .filter(step -> step.stepNo() == stepNo).mapToInt(Step::attempt).max().orElse(0));
        return steps.save(new Step(UUID.randomUUID(), runId, stepNo, attempt, kind, toolName, toolCallId,
                StepStatus.STARTED, null, null, null, clock.instant(), null, null, null, null));
    }

    /** Marks a step attempt failed; the run's step count does not move. */
    @Transactional
    public void failStep(Step step, String error) {
        steps.finish(step.id(), StepStatus.FAILED.name(), error, null, null, clock.instant());
    }

    /**
     * Commits a finished step: the attempt succeeds, its transcript entry is appended, and the run's step count moves
     * to the step's number, all in one transaction.
     *
     * @param entry the transcript entry the step produced (its {@code seq} is assigned here)
     */
    @Transactional
    public void commitStep(Step step, StepOutput entry, @Nullable Integer inputTokens, @Nullable Integer outputTokens) {
        Instant now = clock.instant();
        steps.finish(step.id(), StepStatus.SUCCEEDED.name(), null, inputTokens, outputTokens, now);
        appendAndAdvance(step, entry, now, BigDecimal.ZERO);
    }

    /**
     * Commits a model turn like {@link #commitStep}, recording on the step what the turn used and adding its cost to
     * the spend of the run and its ancestors and to the day counters ({@link TurnCosts#turn}), in one transaction.
     *
     * @param run the step's run, as the caller read it
     */
    @Transactional
    public void commitModelTurn(Run run, Step step, StepOutput entry, TurnUsage usage) {
        Instant now = clock.instant();
        steps.finishTurn(step.id(), usage.inputTokens(), usage.outputTokens(), usage.model(), usage.costUsd(),
                usage.priced(), now);
        appendAndAdvance(step, entry, now, usage.costUsd());
        costs.turn(run, now, usage.costUsd());
    }

    /**
     * Commits a compaction step: the summary entry standing for the transcript from seq 2 up to {@code coversSeq},
     * with what the summarising call used, like a model turn ({@link TurnCosts#call}).
     */
    @Transactional
    public void commitSummary(Step step, String summary, int coversSeq, TurnUsage usage) {
        Instant now = clock.instant();
        steps.finishTurn(step.id(), usage.inputTokens(), usage.outputTokens(), usage.model(), usage.costUsd(),
                usage.priced(), now);
        int seq = transcript.countByRunId(step.runId());
        transcript.save(new TranscriptEntry(UUID.randomUUID(), step.runId(), seq, step.stepNo(),
                TranscriptRole.SUMMARY, summary, null, null, null, now, coversSeq));
        leases.fenceAndAdvance(step.runId(), step.stepNo(), now, BigDecimal.ZERO);
        costs.call(step.runId(), now, usage.costUsd());
    }

    /** The step's entry appended to the transcript; the run's row written once ({@link RunLeases#fenceAndAdvance}). */
    private void appendAndAdvance(Step step, StepOutput entry, Instant now, BigDecimal costUsd) {
        transcript.appendNext(UUID.randomUUID(), step.runId(), step.stepNo(), entry.role().name(), entry.content(),
                entry.toolCalls(), entry.toolCallId(), entry.toolName(), now);
        leases.fenceAndAdvance(step.runId(), step.stepNo(), now, costUsd);
    }

    /**
     * Parks a {@code RUNNING} run as {@code BLOCKED} and says why.
     *
     * @return false when the run was not {@code RUNNING}
     */
    @Transactional
    public boolean block(String runId, BlockKind kind, String reason) {
        return runs.block(runId, kind.name(), reason, clock.instant()) == 1;
    }

    /**
     * Moves a {@code BLOCKED} run on: to {@code to} ({@code QUEUED} to wake it, {@code RUNNING} for the worker that
     * holds it) and clears why it was blocked.
     *
     * @param kind only a run blocked for this reason moves
     * @return false when the run was not blocked for that reason
     */
    @Transactional
    public boolean unblock(String runId, BlockKind kind, RunStatus to) {
        RunTransitions.check(RunStatus.BLOCKED, to);
        return runs.unblock(runId, kind.name(), to.name(), clock.instant()) == 1;
    }

    /** Adds a person's budget extension to the run's allowance, in US dollars. */
    @Transactional
    public void addAllowance(String runId, BigDecimal amountUsd) {
        runs.addAllowance(runId, amountUsd, clock.instant());
    }

    /**
     * Ends a run that has not ended yet and records {@code run.<status>} in the audit log; false when it had ended
     * already. Listeners of {@link RunEnded} write in the same transaction.
     */
    @Transactional
    public boolean finish(String runId, RunStatus status, @Nullable String finalAnswer, @Nullable String reason) {
        return finish(runId, status, finalAnswer, reason, null);
    }

    /**
     * Ends a run that has not ended yet and records {@code run.<status>} in the audit log.
     *
     * @param actorUserId the person who ended it (a cancellation), if a person did
     * @return false when it had ended already
     */
    @Transactional
    public boolean finish(String runId, RunStatus status, @Nullable String finalAnswer, @Nullable String reason,
            @Nullable String actorUserId) {
        if (!status.isTerminal()) {
            throw new IllegalArgumentException("not a terminal status: " + status);
        }
        Optional<Run> before = runs.findById(runId);
        if (runs.finish(runId, status.name(), finalAnswer, reason, clock.instant()) != 1) {
            return false;
        }
        audit.record(runId, "run." + status.name().toLowerCase(java.util.Locale.ROOT), actorUserId,
                before.map(Run::stepCount).orElse(null), reason != null ? reason : finalAnswer, null);
        before.ifPresent(run -> ended.publishEvent(new RunEnded(run, status)));
        return true;
    }

    /**
     * Appends a transcript entry at the next position, outside any step (a person's input, for instance).
     *
     * @param stepNo the step the entry belongs to (the run's current step count)
     */
    @Transactional
    public void append(String runId, int stepNo, TranscriptRole role, String content) {
        int seq = transcript.countByRunId(runId);
        appendEntry(runId, seq, stepNo, role, content, null, null, null, clock.instant());
    }

    /** Marks a step attempt as parked: the step waits for a person and will be taken up again as a new attempt. */
    @Transactional
    public void parkStep(Step step, String reason) {
        steps.finish(step.id(), StepStatus.WAITING.name(), reason, null, null, clock.instant());
    }

    /**
     * Runs {@code work} in one transaction: every store, audit and outbox write it makes commits together or not at
     * all (e.g. a run's end with the message that reports it).
     */
    @Transactional
    public void atomically(Runnable work) {
        work.run();
    }

    /** Records the delivery key once; false when it was recorded before (joins the caller's transaction). */
    @Transactional
    public boolean recordDelivery(String deliveryKey) {
        return deliveries.recordOnce(deliveryKey, clock.instant()) == 1;
    }

    private void appendEntry(String runId, int seq, int stepNo, TranscriptRole role, @Nullable String content,
            @Nullable String toolCalls, @Nullable String toolCallId, @Nullable String toolName, Instant now) {
        transcript.save(entry(runId, seq, stepNo, role, content, toolCalls, toolCallId, toolName, now));
    }

    private static TranscriptEntry entry(String runId, int seq, int stepNo, TranscriptRole role,
            @Nullable String content, @Nullable String toolCalls, @Nullable String toolCallId,
            @Nullable String toolName, Instant now) {
        return new TranscriptEntry(UUID.randomUUID(), runId, seq, stepNo, role, content, toolCalls, toolCallId,
                toolName, now, null);
    }
}
