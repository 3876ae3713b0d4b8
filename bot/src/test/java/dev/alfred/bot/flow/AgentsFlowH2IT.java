package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link AgentsFlowIT} on the embedded H2 database. */
class AgentsFlowH2IT extends AgentsFlowIT {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
