package dev.alfred.agents.loop;

import dev.alfred.agents.report.Report;
import dev.alfred.agents.report.RunReporter;
import dev.alfred.agents.report.RunProgress;
import dev.alfred.agents.run.Run;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows where a run is in its status message. A failure to do so is logged and never stops the run: the status
 * message is a courtesy, the thread's other messages are not.
 */
@Singleton
public class Progress {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final RunReporter reporter;
    private final Clock clock;

    public Progress(RunReporter reporter, Clock clock) {
        this.reporter = reporter;
        this.clock = clock;
    }

    /** Shows an activity at a step of a run still going. */
    public void report(Run run, int stepNo, String activity) {
        report(run, stepNo, activity, false);
    }

    /**
     * @param stepNo   the step shown, capped at the run's limit
     * @param activity e.g. {@code thinking}, {@code calling http_get}
     * @param done     whether the run has ended
     */
    public void report(Run run, int stepNo, String activity, boolean done) {
        Instant started = run.startedAt() == null ? run.createdAt() : run.startedAt();
        RunProgress progress = new RunProgress(Math.min(stepNo, run.maxSteps()), run.maxSteps(), activity,
                Duration.between(started, clock.instant()), done);
        try {
            reporter.report(run, new Report.Progress(progress));
        } catch (RuntimeException e) {
            LOG.warn("could not update the status message of run {}: {}", run.id(), e.toString());
        }
    }
}
