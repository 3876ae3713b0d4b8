package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link AuditCommandIT} on PostgreSQL. */
class AuditCommandPostgresIT extends AuditCommandIT {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
