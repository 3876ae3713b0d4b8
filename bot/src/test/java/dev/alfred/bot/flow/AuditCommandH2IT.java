package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link AuditCommandIT} on the embedded H2 database. */
class AuditCommandH2IT extends AuditCommandIT {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
