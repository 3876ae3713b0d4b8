package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link TaskFlowIT} on PostgreSQL. */
class TaskFlowPostgresIT extends TaskFlowIT {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
