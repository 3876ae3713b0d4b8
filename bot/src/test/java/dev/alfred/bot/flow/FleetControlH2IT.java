package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link FleetControlIT} on the embedded H2 database. */
class FleetControlH2IT extends FleetControlIT {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
