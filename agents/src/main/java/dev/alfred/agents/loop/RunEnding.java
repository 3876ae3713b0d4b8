package dev.alfred.agents.loop;

import dev.alfred.agents.report.RunNotifier;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import jakarta.inject.Singleton;

/**
 * The one place a run ends from its loop: the end is written by compare-and-set ({@link RunStore#finish}, which
 * audits it and publishes {@code RunEnded}), and what reports it (the status message, the answer or the reason in the
 * thread) is recorded in the same transaction. A run that had already ended is left as it is.
 */
@Singleton
public class RunEnding {
    private final RunStore store;
    private final RunNotifier notifier;
    private final Progress progress;

    public RunEnding(RunStore store, RunNotifier notifier, Progress progress) {
        this.store = store;
        this.notifier = notifier;
        this.progress = progress;
    }

    /** Ends the run {@code SUCCEEDED} with its final answer. */
    public void succeed(Run run, String answer) {
        store.atomically(() -> {
            if (store.finish(run.id(), RunStatus.SUCCEEDED, answer, null)) {
                progress.report(run, run.stepCount() + 1, "done", true);
                notifier.finalAnswer(run, answer);
            }
        });
    }

    /** Ends the run {@code FAILED}; the reason goes to the thread. */
    public void fail(Run run, String reason) {
        store.atomically(() -> {
            if (store.finish(run.id(), RunStatus.FAILED, null, reason)) {
                progress.report(run, run.stepCount(), "failed", true);
                notifier.failed(run, reason);
            }
        });
    }

    /** Ends the run as a gate said: {@code CANCELLED} with a notice in the thread, or {@code FAILED}. */
    public void end(Run run, Gate.End end) {
        if (end.status() != RunStatus.CANCELLED) {
            fail(run, end.reason());
            return;
        }
        store.atomically(() -> {
            if (store.finish(run.id(), RunStatus.CANCELLED, null, end.reason())) {
                progress.report(run, run.stepCount(), "cancelled", true);
                notifier.notice(run, ":stop_sign: Run `" + run.id() + "` ended: " + end.reason() + ".");
            }
        });
    }
}
