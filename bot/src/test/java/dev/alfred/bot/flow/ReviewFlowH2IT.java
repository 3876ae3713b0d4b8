package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link ReviewFlowIT} on the embedded H2 database. */
class ReviewFlowH2IT extends ReviewFlowIT {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
