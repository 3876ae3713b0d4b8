package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link WorkspaceFlowIT} on the embedded H2 database. */
class WorkspaceFlowH2IT extends WorkspaceFlowIT {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
