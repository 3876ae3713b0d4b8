package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link TrustBoundaryIT} on the embedded H2 database. */
class TrustBoundaryH2IT extends TrustBoundaryIT {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
