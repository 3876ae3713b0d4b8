package dev.alfred.agents.schema;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs Flyway as Micronaut Flyway 7.9 ran it for {@code flyway.datasources.default.enabled: true} (its
 * {@code AbstractFlywayMigration.forceRun}, read with javap): Flyway's defaults (location
 * {@value ShippedMigrations#LOCATION}, table {@value ShippedMigrations#HISTORY_TABLE}, validate on migrate, no
 * baseline on migrate, no out-of-order) with clean disabled, on the application's {@code DataSource}; on PostgreSQL
 * the pending migrations are applied in one transaction ({@code group}: one commit, one WAL flush, instead of one
 * each: an empty database's start 65-80 ms sooner, issue 22; and a failed migration leaves the schema where it was),
 * while H2, which commits each DDL statement, applies them one by one as before. Flyway takes
 * its own lock on the history table (an advisory lock on PostgreSQL), so replicas migrating an empty database at
 * the same time apply each migration once. Kept apart from {@link SchemaMigrator} so that no Flyway class is loaded
 * unless a migration runs.
 */
final class FlywayMigration {
    private FlywayMigration() {
    }

    /**
     * @return the number of migrations applied (0 when the database was already current)
     * @throws IllegalStateException when a migration or the validation of the history fails, with Flyway's reason
     */
    static int migrate(DataSource dataSource) {
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(ShippedMigrations.LOCATION)
                    .table(ShippedMigrations.HISTORY_TABLE)
                    .cleanDisabled(true)
                    .group(Databases.isPostgres(dataSource))
                    .load()
                    .migrate();
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw new IllegalStateException("Alfred's database migrations (" + ShippedMigrations.LOCATION
                    + ", V1 to V" + ShippedMigrations.NEWEST + ") failed; Alfred does not start on this database: "
                    + e.getMessage(), e);
        }
    }
}
