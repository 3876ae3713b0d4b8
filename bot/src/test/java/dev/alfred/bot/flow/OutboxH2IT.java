package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link OutboxIT} on the embedded H2 database. */
class OutboxH2IT extends OutboxIT {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
