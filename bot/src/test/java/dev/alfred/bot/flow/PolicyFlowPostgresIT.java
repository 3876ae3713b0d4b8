package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link PolicyFlowIT} on PostgreSQL. */
class PolicyFlowPostgresIT extends PolicyFlowIT {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
