package dev.alfred.bot.slack.web;

import dev.alfred.agents.outbox.Outbox;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.schedule.Schedule;
import dev.alfred.agents.schedule.ScheduleNotifier;
import dev.alfred.bot.slack.blocks.OutboxBodies;
import dev.alfred.bot.slack.blocks.ScheduleTexts;
import dev.alfred.bot.slack.blocks.ThreadMessages;
import jakarta.inject.Singleton;

/**
 * Schedules' own messages, posted in the schedule's channel (outside any thread) through the {@link Outbox}, in the
 * caller's transaction. Each is a named post ({@code schedule-paused:<id>:<run id>}), so it is posted once.
 */
@Singleton
public class SlackScheduleNotifier implements ScheduleNotifier {
    private final Outbox outbox;

    public SlackScheduleNotifier(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void autoPaused(Schedule schedule, Run lastRun) {
        outbox.post(lastRun.id(), schedule.channelId(), SlackOutboxTransport.NO_THREAD, OutboxBodies.encode(
                ThreadMessages.notice(ScheduleTexts.autoPaused(schedule, lastRun.id()))),
                "schedule-paused:" + schedule.id() + ":" + lastRun.id());
    }
}
