package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link ScheduleFlowIT} on the embedded H2 database. */
class ScheduleFlowH2IT extends ScheduleFlowIT {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
