package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link LimitsIT} on the embedded H2 database. */
class LimitsH2IT extends LimitsIT {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
