package dev.alfred.agents.run;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Read-only questions about runs: by thread, by family (parents and sub-runs), stale or blocked ones. Each method is
 * one read-only transaction, or joins the caller's.
 */
@Singleton
public class RunLookups {
    /** The most runs {@link #lineage} walks: a guard against a cycle, far above the depth delegation allows. */
    static final int MAX_LINEAGE = 16;

    private final RunRepository runs;
    private final RunnerSettings settings;
    private final Clock clock;

    public RunLookups(RunRepository runs, RunnerSettings settings, Clock clock) {
        this.runs = runs;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @return ids of runs that should be moving but nobody holds: {@code QUEUED} or {@code RUNNING}, no live lease,
     *         and no change for {@code quiet} (a worker died, or a wake-up was lost)
     */
    @Transactional(readOnly = true)
    public List<String> staleRunIds(java.time.Duration quiet) {
        Instant now = clock.instant();
        return runs.findStale(now, now.minus(quiet), now.minus(settings.getWorkerAlive())).stream().map(Run::id)
                .toList();
    }

    /** @return ids of runs still moving whose lease belongs to a process that stopped beating */
    @Transactional(readOnly = true)
    public List<String> orphaned() {
        return runs.findOrphaned(clock.instant().minus(settings.getWorkerAlive()));
    }

    /** @return the root run whose Slack thread this is, if any (sub-runs report in their root's thread) */
    @Transactional(readOnly = true)
    public Optional<Run> findByThread(String channelId, String threadTs) {
        return runs.findRootByThread(channelId, threadTs);
    }

    /**
     * @return the run a person's reply in this thread is for: the most recent run of the thread's family that waits
     *         for a reply (a sub-run asking its own question), else the root run; empty when no run has this thread
     */
    @Transactional(readOnly = true)
    public Optional<Run> findReplyTarget(String channelId, String threadTs) {
        Optional<Run> root = runs.findRootByThread(channelId, threadTs);
        if (root.isEmpty()) {
            return root;
        }
        Run target = root.get();
        java.util.Deque<Run> pending = new java.util.ArrayDeque<>(runs.findChildren(target.id()));
        for (int seen = 0; !pending.isEmpty() && seen < 256; seen++) {
            Run child = pending.poll();
            if (child.status() == RunStatus.WAITING_FOR_REPLY && (target.status() != RunStatus.WAITING_FOR_REPLY
                    || child.createdAt().isAfter(target.createdAt()))) {
                target = child;
            }
            pending.addAll(runs.findChildren(child.id()));
        }
        return Optional.of(target);
    }

    /**
     * @return the run and the runs above it, the run first and its root last (one run for a root run; empty when
     *         there is no such run); at most {@value #MAX_LINEAGE} runs
     */
    @Transactional(readOnly = true)
    public List<Run> lineage(String runId) {
        List<Run> lineage = new java.util.ArrayList<>();
        Optional<Run> current = runs.findById(runId);
        while (current.isPresent() && lineage.size() < MAX_LINEAGE) {
            lineage.add(current.get());
            current = current.get().parentRunId() == null ? Optional.empty()
                    : runs.findById(current.get().parentRunId());
        }
        return lineage;
    }

    /** @return the sub-runs the run started, oldest first */
    @Transactional(readOnly = true)
    public List<Run> children(String runId) {
        return runs.findChildren(runId);
    }

    /** @return the sub-run answering the parent's tool call, if it was started */
    @Transactional(readOnly = true)
    public Optional<Run> child(String parentRunId, String parentCallId) {
        return runs.findChild(parentRunId, parentCallId);
    }

    /** @return runs {@code BLOCKED} for that reason, oldest first */
    @Transactional(readOnly = true)
    public List<Run> blocked(BlockKind kind) {
        return runs.findBlocked(kind.name());
    }
}
