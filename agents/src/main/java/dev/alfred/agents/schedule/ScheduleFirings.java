package dev.alfred.agents.schedule;

import dev.alfred.agents.audit.AuditLog;
import dev.alfred.agents.catalog.AgentCatalog;
import dev.alfred.agents.events.RunStarts;
import dev.alfred.agents.fleet.Fleet;
import dev.alfred.agents.fleet.FleetPause;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunOrigin;
import dev.alfred.agents.run.RunStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Fires one schedule, in one transaction: the schedule's next firing moves on by compare-and-set, the
 * {@code (schedule, firing time)} pair is taken by its unique key, and the run starts (or the skip is audited) in
 * that same transaction, so of any number of dispatchers (replicas) exactly one fires each pair.
 *
 * <p>The firing time is the latest one due: after downtime, one missed firing is caught up and the earlier ones are
 * audited as missed ({@code schedule.missed}). A firing is skipped ({@code schedule.skipped}) while the schedule's
 * previous run is still active, while the fleet or the agent is paused, and when the agent no longer exists (which
 * also pauses the schedule).
 */
@Singleton
public class ScheduleFirings {
    private final ScheduleRepository schedules;
    private final ScheduleFiringRepository firings;
    private final RunStarts starts;
    private final RunStore runs;
    private final Fleet fleet;
    private final AgentCatalog agents;
    private final AuditLog audit;

    public ScheduleFirings(ScheduleRepository schedules, ScheduleFiringRepository firings, RunStarts starts,
            RunStore runs, Fleet fleet, AgentCatalog agents, AuditLog audit) {
        this.schedules = schedules;
        this.firings = firings;
        this.starts = starts;
        this.runs = runs;
        this.fleet = fleet;
        this.agents = agents;
        this.audit = audit;
    }

    /**
     * Fires the schedule if a firing is due at {@code now} and no one else took it.
     *
     * @param now the dispatcher's clock reading
     */
    @Transactional
    public FiringResult fireDue(String scheduleId, Instant now) {
        Optional<Schedule> found = schedules.findById(scheduleId);
        if (found.isEmpty() || found.get().status() != ScheduleStatus.ACTIVE || found.get().nextFireAt() == null
                || found.get().nextFireAt().isAfter(now)) {
            return new FiringResult.NotTaken();
        }
        Schedule schedule = found.get();
        CronSchedule cron = schedule.cronSchedule();
        Instant scheduled = schedule.nextFireAt();
        Instant due = cron.latestAtOrBefore(now).filter(latest -> latest.isAfter(scheduled)).orElse(scheduled);
        if (schedules.advance(scheduleId, scheduled, cron.nextAfter(now).orElse(null), now) == 0) {
            return new FiringResult.NotTaken();
        }
        String skip = skipReason(schedule);
        if (firings.takeOnce(UUID.randomUUID(), scheduleId, due, skip == null ? ScheduleFiring.STARTED
                : ScheduleFiring.SKIPPED, skip, now) == 0) {
            return new FiringResult.NotTaken();
        }
        if (due.isAfter(scheduled)) {
            audit.record(null, "schedule.missed", null, null, "schedule " + scheduleId + " missed its firings from "
                    + scheduled + " until " + due + "; only the firing at " + due + " is caught up",
                    Map.of("scheduleId", scheduleId, "from", scheduled.toString(), "caughtUp", due.toString()));
        }
        if (skip != null) {
            return skipped(schedule, due, skip);
        }
        Optional<Run> run = starts.start("schedule:" + scheduleId + ":" + due.getEpochSecond(), schedule.agent(),
                schedule.task(), schedule.teamId(), schedule.channelId(), schedule.creatorUserId(),
                RunOrigin.schedule(scheduleId));
        if (run.isEmpty()) {
            return new FiringResult.NotTaken();
        }
        firings.started(scheduleId, due, run.get().id());
        started(schedule, run.get(), due, null);
        return new FiringResult.Started(run.get());
    }

    /**
     * Fires the schedule now, whatever its cron expression and status say ({@code schedule run <id>}), unless its
     * previous run is still active.
     *
     * @param deliveryKey de-duplication key of the request, e.g. {@code slack:command:<trigger_id>}
     * @param userId      who asked; the run's requester is still the schedule's creator
     * @return {@link FiringResult.Started}, {@link FiringResult.Skipped} with the reason, or
     *         {@link FiringResult.NotTaken} for a duplicate request or no such schedule
     */
    @Transactional
    public FiringResult fireNow(String scheduleId, String deliveryKey, String userId, Instant now) {
        Optional<Schedule> schedule = schedules.findById(scheduleId);
        if (schedule.isEmpty()) {
            return new FiringResult.NotTaken();
        }
        String active = activeRunReason(schedule.get());
        if (active != null) {
            return new FiringResult.Skipped(active);
        }
        Optional<Run> run = starts.start(deliveryKey, schedule.get().agent(), schedule.get().task(),
                schedule.get().teamId(), schedule.get().channelId(), schedule.get().creatorUserId(),
                RunOrigin.schedule(scheduleId));
        run.ifPresent(started -> started(schedule.get(), started, now, userId));
        return run.<FiringResult>map(FiringResult.Started::new).orElseGet(FiringResult.NotTaken::new);
    }

    private void started(Schedule schedule, Run run, Instant fireAt, @Nullable String byUserId) {
        schedules.startedRun(schedule.id(), run.id(), fireAt);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("scheduleId", schedule.id());
        data.put("fireAt", fireAt.toString());
        data.put("manual", byUserId != null);
        audit.record(run.id(), "schedule.fired", byUserId, 0, "schedule " + schedule.id() + " fired", data);
    }

    private FiringResult skipped(Schedule schedule, Instant due, String reason) {
        schedules.skipped(schedule.id(), due);
        audit.record(schedule.lastRunId(), "schedule.skipped", null, null, "schedule " + schedule.id()
                + " skipped its firing at " + due + ": " + reason,
                Map.of("scheduleId", schedule.id(), "fireAt", due.toString(), "reason", reason));
        if (agents.find(schedule.agent()).isEmpty()) {
            schedules.pause(schedule.id(), reason, due);
        }
        return new FiringResult.Skipped(reason);
    }

    /** @return why the schedule must not start a run now, or null when it may */
    @Nullable
    private String skipReason(Schedule schedule) {
        if (agents.find(schedule.agent()).isEmpty()) {
            return "its agent " + schedule.agent() + " no longer exists";
        }
        String active = activeRunReason(schedule);
        if (active != null) {
            return active;
        }
        return fleet.pauseFor(schedule.agent()).map(FleetPause::scope)
                .map(scope -> scope.equals(Fleet.FLEET) ? "the fleet is paused" : "agent " + schedule.agent()
                        + " is paused").orElse(null);
    }

    @Nullable
    private String activeRunReason(Schedule schedule) {
        return schedule.lastRunId() == null ? null : runs.find(schedule.lastRunId())
                .filter(run -> !run.status().isTerminal())
                .map(run -> "its previous run " + run.id() + " is still " + run.status().name().toLowerCase(
                        java.util.Locale.ROOT)).orElse(null);
    }
}
