package dev.alfred.agents.schedule;

import dev.alfred.agents.audit.AuditLog;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunEnded;
import dev.alfred.agents.run.RunOrigin;
import dev.alfred.agents.run.RunStatus;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The end of a schedule's run, in the transaction that ends it ({@link RunEnded}): the schedule's last outcome and
 * failure count move (a success resets the count, a failure adds one, a cancellation leaves it), and after
 * {@code alfred.schedules.max-consecutive-failures} (default 3, DESIGN.md section 4) failed runs in a row the
 * schedule pauses itself ({@code schedule.auto_paused}) and says so in its channel ({@link ScheduleNotifier}).
 * Sub-runs do not count: their root run does.
 */
@Singleton
public class ScheduleOutcomes {
    private final ScheduleRepository schedules;
    private final ScheduleNotifier notifier;
    private final AuditLog audit;
    private final Clock clock;
    private final int maxFailures;

    public ScheduleOutcomes(ScheduleRepository schedules, ScheduleNotifier notifier, AuditLog audit, Clock clock,
            @Value("${alfred.schedules.max-consecutive-failures:3}") int maxFailures) {
        this.schedules = schedules;
        this.notifier = notifier;
        this.audit = audit;
        this.clock = clock;
        this.maxFailures = maxFailures;
    }

    /** Records the outcome of a schedule's root run, and pauses the schedule after too many failures in a row. */
    @EventListener
    void onRunEnded(RunEnded event) {
        Run run = event.run();
        Optional<String> scheduleId = RunOrigin.scheduleId(run.origin());
        if (run.isSubRun() || scheduleId.isEmpty()) {
            return;
        }
        String id = scheduleId.get();
        Instant now = clock.instant();
        if (schedules.ended(id, event.status().name(), now) == 0 || event.status() != RunStatus.FAILED) {
            return;
        }
        Schedule schedule = schedules.findById(id).orElseThrow();
        if (schedule.consecutiveFailures() < maxFailures || schedule.status() != ScheduleStatus.ACTIVE) {
            return;
        }
        String reason = "paused itself after " + schedule.consecutiveFailures() + " failed runs in a row (the last "
                + "was run " + run.id() + ")";
        if (schedules.pause(id, reason, now) == 1) {
            audit.record(run.id(), "schedule.auto_paused", null, null, "schedule " + id + " " + reason,
                    Map.of("scheduleId", id, "failures", schedule.consecutiveFailures()));
            notifier.autoPaused(schedule, run);
        }
    }
}
