package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link AgentsFlowIT} on PostgreSQL. */
class AgentsFlowPostgresIT extends AgentsFlowIT {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
