/**
 * Schedules: runs that start by themselves at times a cron expression names (DESIGN.md section 4, Schedules).
 * {@link dev.alfred.agents.schedule.Schedules} adds, lists, pauses, resumes and deletes them;
 * {@link dev.alfred.agents.schedule.ScheduleDispatcher}, called by one recurring job, fires each due
 * {@code (schedule, firing time)} exactly once across replicas ({@code schedule_firings}' unique key);
 * {@link dev.alfred.agents.schedule.ScheduleOutcomes} keeps each schedule's last outcome and pauses a schedule after
 * repeated failures. Cron text is parsed and evaluated by cron-utils ({@link dev.alfred.agents.schedule.CronSchedule}).
 */
package dev.alfred.agents.schedule;
