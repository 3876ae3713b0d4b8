package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link StopButtonIT} on PostgreSQL. */
class StopButtonPostgresIT extends StopButtonIT {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
