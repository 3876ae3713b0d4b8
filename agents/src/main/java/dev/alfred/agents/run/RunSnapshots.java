package dev.alfred.agents.run;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a run's {@link RunSnapshot} for its next step, reusing the transcript entries the calling thread read before.
 * A transcript is append-only (entries are numbered from 0 without gaps and never changed or deleted: {@link RunStore}
 * only inserts them), so the entries a thread read of a run stay true, and only those after them need reading. A
 * worker takes a run's steps one after the other on one thread; without this each step would read and map the whole
 * transcript again, every tool result included. Each thread keeps the last transcript it read, of one run.
 */
@Singleton
public class RunSnapshots {
    private static final ThreadLocal<Read> LAST = new ThreadLocal<>();

    private final RunRepository runs;
    private final StepRepository steps;
    private final TranscriptRepository transcript;

    public RunSnapshots(RunRepository runs, StepRepository steps, TranscriptRepository transcript) {
        this.runs = runs;
        this.steps = steps;
        this.transcript = transcript;
    }

    /** @return the run, its transcript and its steps, read in one transaction; empty when there is no such run */
    @Transactional(readOnly = true)
    public Optional<RunSnapshot> snapshot(String runId) {
        return runs.findById(runId).map(run -> new RunSnapshot(run, transcript(runId),
                steps.findByRunIdOrdered(runId)));
    }

    /** @return the run's transcript in order, unmodifiable: what this thread read before reused, the rest read */
    private List<TranscriptEntry> transcript(String runId) {
        Read last = LAST.get();
        List<TranscriptEntry> entries;
        if (last != null && last.runId().equals(runId)) {
            List<TranscriptEntry> tail = transcript.findByRunIdAndSeqGreaterThanEqualOrderBySeqAsc(runId,
                    last.entries().size());
            if (tail.isEmpty()) {
                return last.entries();
            }
            List<TranscriptEntry> joined = new ArrayList<>(last.entries().size() + tail.size());
            joined.addAll(last.entries());
            joined.addAll(tail);
            entries = List.copyOf(joined);
        } else {
            entries = List.copyOf(transcript.findByRunIdOrderBySeqAsc(runId));
        }
        LAST.set(new Read(runId, entries));
        return entries;
    }

    /** The transcript a thread read last. */
    private record Read(String runId, List<TranscriptEntry> entries) {
    }
}
