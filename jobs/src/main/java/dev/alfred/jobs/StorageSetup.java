package dev.alfred.jobs;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.order.Ordered;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.common.SqlStorageProviderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up JobRunr's storage (its own {@code jobrunr_*} tables and migrations, under {@link StorageSetupLock}) on a
 * thread of its own as soon as the application's {@code DataSource} exists, so that it runs beside the rest of
 * start-up (the agents, the policy, the tools, the HTTP server) on the second core instead of after it on the main
 * thread. {@link JobRunrFactory#storageProvider} waits for it, so JobRunr, and with it {@code GET /health}, still
 * starts only on a storage that is set up; a failure of the set-up fails start-up as before.
 *
 * <p>It listens for the {@code DataSource} with {@link Ordered#LOWEST_PRECEDENCE}, after Alfred's own migrations
 * ({@link dev.alfred.agents.schema.SchemaMigrator}, order 0, which returns once they are applied or found current), so
 * the set-up never runs beside them. It must not: Flyway refuses to migrate a schema that holds tables but no history
 * ("Found non-empty schema(s) … but no schema history table"), which is what an empty database looks like to it once
 * JobRunr's tables are there (tried on PostgreSQL in issue 22: start-up failed). Measured on a loaded 2-core machine
 * (issue 22): the set-up alone took 0.5-0.9 s cold in a JVM of its own; beside start-up, the main thread's CPU time
 * to {@code /health} fell from 1.62 to 1.35 s on a fresh H2 database and from 1.74 to 1.35 s on a fresh PostgreSQL
 * one (medians of 5 starts each way).
 */
@Singleton
public class StorageSetup implements BeanCreatedEventListener<DataSource>, Ordered {
    private static final Logger LOG = LoggerFactory.getLogger(StorageSetup.class);
    /** Attempts at setting up JobRunr's storage (its migrations) before start-up fails. */
    static final int ATTEMPTS = 5;

    private DataSource started;
    private CompletableFuture<StorageProvider> setUp;
    private boolean taken;
    private boolean closed;

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Starts the set-up on the first {@code DataSource} created; returns it unchanged. */
    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        start(DelegatingDataSource.unwrapDataSource(event.getBean()));
        return event.getBean();
    }

    /** Starts the set-up on {@code dataSource} on a thread of its own, unless one was started already. */
    synchronized void start(DataSource dataSource) {
        if (setUp == null && !closed) {
            started = dataSource;
            CompletableFuture<StorageProvider> result = new CompletableFuture<>();
            setUp = result;
            Thread thread = new Thread(() -> run(dataSource, result), "alfred-jobrunr-setup");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * @param dataSource the unwrapped (not transaction-bound) application {@code DataSource}
     * @return JobRunr's storage on it: the one set up in the background when it was started for this
     *         {@code DataSource}, waiting for it, otherwise set up here
     * @throws RuntimeException what the set-up threw after {@value #ATTEMPTS} attempts
     */
    StorageProvider provider(DataSource dataSource) {
        CompletableFuture<StorageProvider> background;
        synchronized (this) {
            background = setUp != null && started == dataSource && !taken ? setUp : null;
            taken = background != null || taken;
        }
        if (background == null) {
            return setUpNow(dataSource);
        }
        try {
            return background.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Closes a storage set up in the background that nobody took (start-up failed elsewhere first). */
    @PreDestroy
    void close() {
        CompletableFuture<StorageProvider> left;
        synchronized (this) {
            closed = true;
            left = taken ? null : setUp;
        }
        if (left != null) {
            left.thenAccept(StorageProvider::close);
        }
    }

    private static void run(DataSource dataSource, CompletableFuture<StorageProvider> result) {
        long began = System.nanoTime();
        try {
            result.complete(setUpNow(dataSource));
            LOG.debug("JobRunr's storage set up in the background in {} ms", (System.nanoTime() - began) / 1_000_000);
        } catch (Throwable e) {
            result.completeExceptionally(e);
        }
    }

    /**
     * Creates JobRunr's storage, which runs JobRunr's own migrations; replicas starting together on an empty
     * PostgreSQL would race on them, so they run one at a time under {@link StorageSetupLock}. Tried up to
     * {@value #ATTEMPTS} times for transient failures (a database still starting).
     */
    private static StorageProvider setUpNow(DataSource dataSource) {
        RetryPolicy<StorageProvider> retries = RetryPolicy.<StorageProvider>builder()
                .withMaxAttempts(ATTEMPTS)
                .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(4))
                .onRetry(event -> LOG.warn("JobRunr's storage could not be set up ({}); "
                        + "trying again", event.getLastException().toString()))
                .build();
        return Failsafe.with(retries).get(() -> StorageSetupLock.holding(dataSource,
                () -> SqlStorageProviderFactory.using(dataSource)));
    }
}
