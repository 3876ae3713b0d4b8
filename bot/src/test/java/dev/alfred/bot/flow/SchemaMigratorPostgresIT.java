package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link SchemaMigratorIT} on PostgreSQL. */
class SchemaMigratorPostgresIT extends SchemaMigratorIT {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
