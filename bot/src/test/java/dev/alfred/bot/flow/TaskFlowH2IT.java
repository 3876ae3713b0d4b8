package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link TaskFlowIT} on the embedded H2 database. */
class TaskFlowH2IT extends TaskFlowIT {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
