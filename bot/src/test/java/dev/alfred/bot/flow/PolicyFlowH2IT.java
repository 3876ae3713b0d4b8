package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link PolicyFlowIT} on the embedded H2 database. */
class PolicyFlowH2IT extends PolicyFlowIT {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
