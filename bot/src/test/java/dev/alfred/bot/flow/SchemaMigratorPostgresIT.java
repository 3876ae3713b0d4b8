package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alfred.agents.schema.SchemaMigrator;
import dev.alfred.bot.support.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * {@link SchemaMigratorIT} on PostgreSQL; and what only PostgreSQL's transactional DDL allows: the pending migrations
 * are applied in one transaction, so one that fails takes the others with it.
 */
class SchemaMigratorPostgresIT extends SchemaMigratorIT {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }

    @Test
    void aFailingMigrationLeavesTheSchemaAtTheVersionItHad() throws Exception {
        Flyway.configure().dataSource(dataSource).target("12").load().migrate();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP INDEX outbox_messages_coalesce_idx");
        }

        assertThatThrownBy(() -> new SchemaMigrator().migrateIfNeeded(dataSource))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("V14__outbox_coalesce_status_index");

        assertThat(versions()).as("V13, applied before V14 failed, rolled back with it").last().isEqualTo("12");
        try (Connection connection = dataSource.getConnection();
                ResultSet tables = connection.getMetaData().getTables(null, null, "spend_days", null)) {
            assertThat(tables.next()).as("V13's table").isFalse();
        }
    }
}
