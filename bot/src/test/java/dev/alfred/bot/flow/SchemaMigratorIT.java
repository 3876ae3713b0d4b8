package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alfred.agents.schema.SchemaMigrator;
import dev.alfred.agents.schema.SchemaMigrator.Outcome;
import dev.alfred.agents.schema.ShippedMigrations;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link SchemaMigrator} on a real database: an empty or older one is migrated by Flyway to
 * {@link ShippedMigrations#NEWEST}, a current one is left alone (Flyway not run, the history table unchanged), a
 * failing migration fails with a clear error, two replicas migrating one empty database together apply each
 * migration once (one Flyway run at a time in a JVM, and Flyway's lock between processes), and the application started twice on one database migrates only the
 * first time, with JobRunr's storage set up after the migrations both times.
 */
abstract class SchemaMigratorIT {
    TestDatabase database;
    DataSource dataSource;

    abstract TestDatabase database();

    @BeforeEach
    void emptyDatabase() {
        database = database();
        dataSource = dataSource(database.properties());
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void anEmptyDatabaseIsMigratedToTheNewestVersion() throws Exception {
        SchemaMigrator migrator = new SchemaMigrator();

        assertThat(migrator.migrateIfNeeded(dataSource)).isEqualTo(Outcome.MIGRATED);

        assertThat(migrator.flywayRuns()).isEqualTo(1);
        assertThat(versions()).hasSize(ShippedMigrations.NEWEST).last().isEqualTo(ShippedMigrations.NEWEST + "");
        assertThat(count("SELECT COUNT(*) FROM outbox_messages")).as("the newest tables exist").isZero();
    }

    @Test
    void aCurrentDatabaseIsLeftAloneWithoutRunningFlyway() throws Exception {
        new SchemaMigrator().migrateIfNeeded(dataSource);
        List<String> before = history();
        SchemaMigrator restarted = new SchemaMigrator();

        assertThat(restarted.migrateIfNeeded(dataSource)).isEqualTo(Outcome.CURRENT);

        assertThat(restarted.flywayRuns()).isZero();
        assertThat(history()).as("no row added or changed in flyway_schema_history").isEqualTo(before);
    }

    @Test
    void anOlderDatabaseIsMigratedToTheNewestVersion() throws Exception {
        String older = (ShippedMigrations.NEWEST - 1) + "";
        Flyway.configure().dataSource(dataSource).target(older).load().migrate();
        assertThat(versions()).last().isEqualTo(older);
        SchemaMigrator migrator = new SchemaMigrator();

        assertThat(migrator.migrateIfNeeded(dataSource)).isEqualTo(Outcome.MIGRATED);

        assertThat(migrator.flywayRuns()).isEqualTo(1);
        assertThat(versions()).hasSize(ShippedMigrations.NEWEST).last().isEqualTo(ShippedMigrations.NEWEST + "");
    }

    /** Repeated: the race it guards against (two migrators inserting version 1) is a matter of timing. */
    @RepeatedTest(10)
    void replicasStartingTogetherOnAnEmptyDatabaseApplyEachMigrationOnce() throws Exception {
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch ready = new CountDownLatch(2);
            Callable<Outcome> replica = () -> {
                ready.countDown();
                ready.await();
                return new SchemaMigrator().migrateIfNeeded(dataSource);
            };
            Future<Outcome> a = replicas.submit(replica);
            Future<Outcome> b = replicas.submit(replica);

            assertThat(List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS))).contains(Outcome.MIGRATED);
        } finally {
            replicas.shutdownNow();
        }
        assertThat(versions()).as("each version applied once").hasSize(ShippedMigrations.NEWEST).doesNotHaveDuplicates()
                .last().isEqualTo(ShippedMigrations.NEWEST + "");
        assertThat(new SchemaMigrator().migrateIfNeeded(dataSource)).isEqualTo(Outcome.CURRENT);
    }

    @Test
    void aFailingMigrationFailsEveryStartWithFlywaysReason() throws Exception {
        Flyway.configure().dataSource(dataSource).target("13").load().migrate();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP INDEX outbox_messages_coalesce_idx");
        }

        for (int start = 1; start <= 2; start++) {
            assertThatThrownBy(() -> new SchemaMigrator().migrateIfNeeded(dataSource)).as("start %d", start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Alfred's database migrations (classpath:db/migration, V1 to V"
                            + ShippedMigrations.NEWEST + ") failed")
                    // The migration's name, or on H2 (no transactional DDL) at the second start: the failed row.
                    .hasMessageFindingMatch("V14__outbox_coalesce_status_index\\.sql|failed migration to version 14");
        }
    }

    @Test
    void theApplicationMigratesOnItsFirstStartOnlyAndSetsUpJobRunrAfterwards() throws Exception {
        AlfredTestApp first = AlfredTestApp.start(database, Map.of());
        assertThat(first.context.getBean(SchemaMigrator.class).flywayRuns()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM jobrunr_migrations")).as("JobRunr's storage").isPositive();
        first.stop();
        List<String> before = history();

        AlfredTestApp second = AlfredTestApp.start(database, Map.of());
        try {
            assertThat(second.context.getBean(SchemaMigrator.class).flywayRuns()).isZero();
            assertThat(second.runs()).as("the application reads its tables").isEmpty();
            assertThat(history()).isEqualTo(before);
        } finally {
            second.stop();
        }
    }

    List<String> versions() throws SQLException {
        return column("SELECT \"version\" FROM flyway_schema_history WHERE \"version\" IS NOT NULL "
                + "ORDER BY \"installed_rank\"");
    }

    private List<String> history() throws SQLException {
        return column("SELECT \"installed_rank\" || ' ' || \"version\" || ' ' || \"checksum\" || ' ' || "
                + "\"installed_on\" || ' ' || \"success\" FROM flyway_schema_history ORDER BY \"installed_rank\"");
    }

    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static DataSource dataSource(Map<String, Object> properties) {
        String url = (String) properties.get("datasources.default.url");
        String user = (String) properties.get("datasources.default.username");
        String password = (String) properties.get("datasources.default.password");
        if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource postgres = new PGSimpleDataSource();
            postgres.setUrl(url);
            postgres.setUser(user);
            postgres.setPassword(password);
            return postgres;
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser(user);
        h2.setPassword(password);
        return h2;
    }
}
