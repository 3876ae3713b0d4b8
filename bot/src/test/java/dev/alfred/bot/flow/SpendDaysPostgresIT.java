package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link SpendDaysIT} on PostgreSQL. */
class SpendDaysPostgresIT extends SpendDaysIT {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
