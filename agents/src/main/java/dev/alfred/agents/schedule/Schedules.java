package dev.alfred.agents.schedule;

import dev.alfred.agents.audit.AuditLog;
import dev.alfred.agents.catalog.AgentCatalog;
import dev.alfred.agents.catalog.AgentDefaults;
import dev.alfred.agents.run.RunIds;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The transactions of a schedule's life from a person's side: add (checked by cron-utils and the agent catalog, so a
 * bad schedule is refused and nothing is stored), list, pause, resume and delete. Each is audited
 * ({@code schedule.added}, {@code schedule.paused}, {@code schedule.resumed}, {@code schedule.deleted}).
 */
@Singleton
public class Schedules {
    private final ScheduleRepository schedules;
    private final ScheduleFiringRepository firings;
    private final AgentCatalog agents;
    private final AuditLog audit;
    private final Clock clock;

    public Schedules(ScheduleRepository schedules, ScheduleFiringRepository firings, AgentCatalog agents,
            AuditLog audit, Clock clock) {
        this.schedules = schedules;
        this.firings = firings;
        this.agents = agents;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Checks and stores a new schedule, active from now.
     *
     * @return the stored schedule, with its first firing
     * @throws InvalidScheduleException naming what is wrong (cron text, zone, agent); nothing is stored then
     */
    @Transactional
    public Schedule add(ScheduleSpec spec, @Nullable String teamId, String channelId, String creatorUserId) {
        CronSchedule cron = CronSchedule.parse(spec.cron(), spec.zone());
        String agent = spec.agent() == null ? AgentDefaults.BOSS : spec.agent();
        if (agents.find(agent).isEmpty()) {
            throw new InvalidScheduleException("I have no agent called `" + agent + "`; agents: "
                    + String.join(", ", agents.names()) + ".");
        }
        Instant now = clock.instant();
        Schedule schedule = schedules.save(new Schedule(RunIds.next(), cron.expression(), cron.zone().getId(), agent,
                spec.task(), teamId, channelId, creatorUserId, ScheduleStatus.ACTIVE, null,
                cron.nextAfter(now).orElse(null), null, null, 0, now, now));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("scheduleId", schedule.id());
        data.put("cron", schedule.cron());
        data.put("zone", schedule.zone());
        data.put("agent", agent);
        data.put("channelId", channelId);
        audit.record(null, "schedule.added", creatorUserId, null, "schedule " + schedule.id() + " added: "
                + schedule.cron() + " (" + schedule.zone() + ") " + schedule.task(), data);
        return schedule;
    }

    /** @return the schedule with that id, if any */
    @Transactional(readOnly = true)
    public Optional<Schedule> find(String id) {
        return schedules.findById(id);
    }

    /** @return every schedule, oldest first */
    @Transactional(readOnly = true)
    public List<Schedule> list() {
        return schedules.findAllInOrder();
    }

    /** @return a schedule's firings (started and skipped), latest first */
    @Transactional(readOnly = true)
    public List<ScheduleFiring> firings(String id) {
        return firings.findBySchedule(id);
    }

    /** @return false when there is no such schedule or it was paused already */
    @Transactional
    public boolean pause(String id, String userId) {
        if (schedules.pause(id, "paused by user " + userId, clock.instant()) == 0) {
            return false;
        }
        audit.record(null, "schedule.paused", userId, null, "schedule " + id + " paused", Map.of("scheduleId", id));
        return true;
    }

    /**
     * Lets a paused schedule fire again from its next firing after now (firings missed while paused are not caught
     * up) and forgets its failure count.
     *
     * @return false when there is no such schedule or it was not paused
     */
    @Transactional
    public boolean resume(String id, String userId) {
        Optional<Schedule> schedule = schedules.findById(id);
        Instant now = clock.instant();
        if (schedule.isEmpty() || schedules.resume(id, schedule.get().cronSchedule().nextAfter(now).orElse(null),
                now) == 0) {
            return false;
        }
        audit.record(null, "schedule.resumed", userId, null, "schedule " + id + " resumed", Map.of("scheduleId", id));
        return true;
    }

    /**
     * Deletes a schedule and its firing history; the runs it started stay.
     *
     * @return false when there is no such schedule
     */
    @Transactional
    public boolean delete(String id, String userId) {
        Optional<Schedule> schedule = schedules.findById(id);
        if (schedule.isEmpty()) {
            return false;
        }
        firings.deleteBySchedule(id);
        schedules.deleteById(id);
        audit.record(null, "schedule.deleted", userId, null, "schedule " + id + " deleted: " + schedule.get().cron()
                + " " + schedule.get().task(), Map.of("scheduleId", id));
        return true;
    }
}
