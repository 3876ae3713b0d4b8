package dev.alfred.agents.schedule;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires every schedule that is due, each in its own transaction ({@link ScheduleFirings#fireDue}). Called by one
 * recurring job on every replica ({@code dispatch-schedules} in the jobs module); replicas calling it at the same
 * time fire each {@code (schedule, firing time)} once between them. Not one recurring job per schedule: JobRunr's
 * open-source edition caps recurring jobs.
 */
@Singleton
public class ScheduleDispatcher {
    /** Due schedules one call looks at; the rest wait for the next call. */
    static final int BATCH = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleDispatcher.class);

    private final ScheduleRepository schedules;
    private final ScheduleFirings firings;
    private final Clock clock;

    public ScheduleDispatcher(ScheduleRepository schedules, ScheduleFirings firings, Clock clock) {
        this.schedules = schedules;
        this.firings = firings;
        this.clock = clock;
    }

    /** @return how many firings this call took (started or skipped), by the application's clock */
    public int dispatchDue() {
        return dispatchDue(clock.instant());
    }

    /**
     * Fires what is due at {@code now}. A schedule whose firing fails (its transaction rolled back) is logged and
     * tried again at the next call.
     *
     * @param now the time to fire for (tests pass a controlled one)
     * @return how many firings this call took (started or skipped)
     */
    public int dispatchDue(Instant now) {
        List<Schedule> due = schedules.findDue(now, BATCH);
        int taken = 0;
        for (Schedule schedule : due) {
            try {
                if (!(firings.fireDue(schedule.id(), now) instanceof FiringResult.NotTaken)) {
                    taken++;
                }
            } catch (RuntimeException e) {
                LOG.warn("schedule {} could not fire now; the next dispatch tries again: {}", schedule.id(),
                        e.toString());
            }
        }
        return taken;
    }
}
