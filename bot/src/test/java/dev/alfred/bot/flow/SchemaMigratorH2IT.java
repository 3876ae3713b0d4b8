package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link SchemaMigratorIT} on the embedded H2 database. */
class SchemaMigratorH2IT extends SchemaMigratorIT {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
