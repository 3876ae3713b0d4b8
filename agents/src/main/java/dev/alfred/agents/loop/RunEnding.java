package dev.alfred.agents.loop;

import dev.alfred.agents.redaction.Redaction;
import dev.alfred.policies.Mentions;
import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.report.Report;
import dev.alfred.agents.report.RunReporter;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a run ends from its loop: the end is written by compare-and-set ({@link RunStore#finish}, which
 * audits it and publishes {@code RunEnded}), and what reports it (the status message, the answer or the reason in the
 * thread) is recorded in the same transaction. A run that had already ended is left as it is.
 */
@Singleton
public class RunEnding {
    private static final Logger LOG = LoggerFactory.getLogger(RunEnding.class);

    private final RunStore store;
    private final Approvals approvals;
    private final RunReporter reporter;
    private final Progress progress;
    private final Mentions mentions;

    public RunEnding(RunStore store, Approvals approvals, RunReporter reporter, Progress progress,
            Mentions mentions) {
        this.approvals = approvals;
        this.mentions = mentions;
        this.store = store;
        this.reporter = reporter;
        this.progress = progress;
    }

    /** Ends the run {@code SUCCEEDED} with its final answer. */
    public void succeed(Run run, String answer) {
        store.atomically(() -> {
            if (store.finish(run.id(), RunStatus.SUCCEEDED, answer, null)) {
                progress.report(run, run.stepCount() + 1, "done", true);
                reporter.report(run, new Report.Answered(answer));
            }
        });
    }

    /** Ends the run {@code FAILED}; the reason, redacted ({@link Redaction}), goes to the run, the thread and audit. */
    public void fail(Run run, String unredactedReason) {
        String reason = Redaction.redact(unredactedReason);
        store.atomically(() -> {
            if (store.finish(run.id(), RunStatus.FAILED, null, reason)) {
                progress.report(run, run.stepCount(), "failed", true);
                reporter.report(run, new Report.Failed(reason));
            }
        });
    }

    /**
     * Ends the run {@code CANCELLED} at a person's word: its open approvals are withdrawn (their cards updated), its
     * status message shows the end (and so loses its Stop button) and its thread says who cancelled it. A worker
     * advancing it stops before its next step.
     *
     * @return false when the run had ended already
     */
    public boolean cancelledBy(Run run, String userId) {
        if (!store.finish(run.id(), RunStatus.CANCELLED, null, "cancelled by " + mentions.user(userId), userId)) {
            return false;
        }
        if (run.threadTs() != null) {
            progress.report(run, run.stepCount(), "cancelled", true);
        }
        for (StagedAction withdrawn : approvals.withdrawOpen(run.id())) {
            say(run, () -> reporter.report(run, new Report.ApprovalDecided(approvals.find(withdrawn.id())
                    .orElseThrow())));
        }
        if (run.threadTs() != null) {
            say(run, () -> reporter.report(run, new Report.Cancelled(userId)));
        }
        return true;
    }

    private static void say(Run run, Runnable report) {
        try {
            report.run();
        } catch (RuntimeException e) {
            LOG.warn("could not report the cancellation of run {} in its thread: {}", run.id(), e.toString());
        }
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
                reporter.report(run, new Report.Ended(end.reason()));
            }
        });
    }
}
