package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link FleetControlIT} on PostgreSQL. */
class FleetControlPostgresIT extends FleetControlIT {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
