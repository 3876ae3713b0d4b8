package dev.alfred.agents.schema;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.naming.NameResolver;
import io.micronaut.core.order.Ordered;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the {@code default} database up to the migrations Alfred ships as soon as its {@code DataSource} is created,
 * in place of Micronaut Flyway's runner (which ran Flyway at every start: ~330 classes loaded, the fat jar scanned for
 * migrations and the history validated, about 0.3 s of the main thread when nothing was to do; issue 22).
 *
 * <p>It first reads the schema history with one query ({@link SchemaHistory}); when every row there succeeded and the
 * highest version is {@link ShippedMigrations#NEWEST}, Flyway is not run at all. Otherwise (an empty database, an
 * older one, a failed or newer migration, or any error reading the history) Flyway runs exactly as before
 * ({@link FlywayMigration}), and a failed migration or validation fails start-up with Flyway's reason. Replicas
 * starting together on an empty database apply each migration once: on PostgreSQL Flyway migrates under an advisory
 * lock; on H2 its lock is on the history table's rows, which an empty database does not have yet (two migrators in
 * one JVM both inserted version 1: {@code SchemaMigratorH2IT}, once in a CI run), so Flyway runs one at a time in this
 * JVM, and each looks at the history again once it is its turn. A JVM is the only place two migrators can share an H2
 * database: a file database is locked by the process that opened it. What a skipped start no longer does
 * is validate the checksums of migrations already applied: edit a shipped migration and the next start that has
 * something to migrate reports it.
 *
 * <p>Order 0, as Micronaut Flyway's runner had: before {@code StorageSetup} in {@code jobs}
 * ({@link Ordered#LOWEST_PRECEDENCE}), so JobRunr's storage is only set up once this has returned. Turned off with
 * {@code alfred.migrations.enabled: false} (the read-only {@code alfred audit} does).
 */
@Singleton
@Requires(property = "alfred.migrations.enabled", notEquals = "false")
public class SchemaMigrator implements BeanCreatedEventListener<DataSource>, Ordered {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    /** What {@link #migrateIfNeeded} found. */
    public enum Outcome {
        /** The history already ended at {@link ShippedMigrations#NEWEST}: Flyway was not run. */
        CURRENT,
        /** Flyway ran and the database is now at {@link ShippedMigrations#NEWEST}. */
        MIGRATED
    }

    /** One Flyway run at a time in this JVM (see the class comment). */
    private static final ReentrantLock FLYWAY = new ReentrantLock();

    private final AtomicInteger flywayRuns = new AtomicInteger();

    @Override
    public int getOrder() {
        return 0;
    }

    /** Migrates the {@code default} data source if needed (others are left alone); returns it unchanged. */
    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        String name = event.getBeanDefinition() instanceof NameResolver resolver
                ? resolver.resolveName().orElse("default") : "default";
        if (name.equals("default")) {
            migrateIfNeeded(DelegatingDataSource.unwrapDataSource(event.getBean()));
        }
        return event.getBean();
    }

    /**
     * @param dataSource a plain (not transaction-bound) {@code DataSource}
     * @return whether Flyway had to run
     * @throws IllegalStateException when Flyway ran and a migration or the validation failed
     */
    public Outcome migrateIfNeeded(DataSource dataSource) {
        long highest = highestVersion(dataSource);
        if (highest == ShippedMigrations.NEWEST) {
            LOG.debug("Database schema at V{}: no migration to run", highest);
            return Outcome.CURRENT;
        }
        FLYWAY.lock();
        try {
            highest = highestVersion(dataSource);
            if (highest == ShippedMigrations.NEWEST) {
                LOG.debug("Database schema at V{}: migrated meanwhile", highest);
                return Outcome.CURRENT;
            }
            LOG.info("Database schema at {}: migrating to V{}", highest < 0 ? "no known version" : "V" + highest,
                    ShippedMigrations.NEWEST);
            flywayRuns.incrementAndGet();
            int applied = FlywayMigration.migrate(dataSource);
            LOG.info("Database schema migrations done: {} applied", applied);
            return Outcome.MIGRATED;
        } finally {
            FLYWAY.unlock();
        }
    }

    /** @return how many times this bean has run Flyway since it was created (for tests and diagnostics) */
    public int flywayRuns() {
        return flywayRuns.get();
    }

    private static long highestVersion(DataSource dataSource) {
        try {
            return SchemaHistory.highestVersion(dataSource);
        } catch (SQLException e) {
            LOG.debug("No readable schema history ({}): migrating", e.getMessage());
            return -1;
        }
    }
}
