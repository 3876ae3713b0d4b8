package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link ScheduleFlowIT} on PostgreSQL. */
class ScheduleFlowPostgresIT extends ScheduleFlowIT {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
