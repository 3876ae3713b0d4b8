package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link TrustBoundaryIT} on PostgreSQL. */
class TrustBoundaryPostgresIT extends TrustBoundaryIT {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
