package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link OutboxIT} on PostgreSQL. */
class OutboxPostgresIT extends OutboxIT {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
