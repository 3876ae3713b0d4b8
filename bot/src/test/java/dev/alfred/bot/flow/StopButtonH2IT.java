package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link StopButtonIT} on the embedded H2 database. */
class StopButtonH2IT extends StopButtonIT {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
