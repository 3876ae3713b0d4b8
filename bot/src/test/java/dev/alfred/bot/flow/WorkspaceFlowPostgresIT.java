package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link WorkspaceFlowIT} on PostgreSQL. */
class WorkspaceFlowPostgresIT extends WorkspaceFlowIT {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
