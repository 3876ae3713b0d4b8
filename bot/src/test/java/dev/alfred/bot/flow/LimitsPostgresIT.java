package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link LimitsIT} on PostgreSQL. */
class LimitsPostgresIT extends LimitsIT {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
