package dev.alfred.bot.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alfred.bot.support.TestDatabase;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SlackInbox#record}'s group commit on a real {@code slack_inbox} table made by its migration (H2 in memory;
 * PostgreSQL in {@link SlackInboxPostgresIT}, whose JDBC driver reports each row of a batch as H2's does):
 * requests recorded while a write is under way share the next transaction, each learns whether its key was new, and
 * a shared write that fails is written again entry by entry. The first write is held at its connection until the
 * others are queued behind it, so what is grouped does not depend on timing.
 */
class SlackInboxTest {
    private static final int REQUESTS = 20;

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
    private final ExecutorService threads = Executors.newFixedThreadPool(REQUESTS);
    private final CountDownLatch firstWriteMayGo = new CountDownLatch(1);
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger batchesToFail = new AtomicInteger();
    private final AtomicInteger connectionsToRefuse = new AtomicInteger();
    private TestDatabase database;

    /** @return the database this class runs on: H2 in memory; {@link SlackInboxPostgresIT} overrides it */
    protected TestDatabase database() {
        return TestDatabase.h2();
    }

    @BeforeEach
    void createTable() throws Exception {
        database = database();
        try (Connection connection = connect()) {
            SlackInboxWorkerTest.createInboxTable(connection);
        }
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        database.close();
    }

    private Connection connect() throws SQLException {
        Map<String, Object> properties = database.properties();
        return DriverManager.getConnection((String) properties.get("datasources.default.url"),
                (String) properties.get("datasources.default.username"),
                (String) properties.get("datasources.default.password"));
    }

    @Test
    void requestsRecordedDuringAWriteShareTheNextTransaction() throws Exception {
        SlackInbox inbox = new SlackInbox(heldDataSource(), clock);
        List<Future<Boolean>> results = recordConcurrently(inbox, i -> "event:Ev" + i);

        assertThat(results).allSatisfy(result -> assertThat(result.get(10, TimeUnit.SECONDS)).isTrue());
        assertThat(connections).as("the held write, then one for the 19 queued behind it").hasValue(2);
        assertThat(rows()).isEqualTo(REQUESTS);
    }

    @Test
    void aKeyRecordedTwiceInOneTransactionIsNewOnlyOnce() throws Exception {
        SlackInbox inbox = new SlackInbox(heldDataSource(), clock);
        List<Future<Boolean>> results = recordConcurrently(inbox, i -> "event:Ev" + (i == 0 ? 0 : (i + 1) / 2));

        int fresh = 0;
        for (Future<Boolean> result : results) {
            fresh += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(connections).hasValue(2);
        assertThat(rows()).isEqualTo(11);
        assertThat(fresh).as("one caller per key is told it is new").isEqualTo(11);
    }

    @Test
    void aFailedSharedWriteIsWrittenAgainEntryByEntry() throws Exception {
        batchesToFail.set(1);
        SlackInbox inbox = new SlackInbox(heldDataSource(), clock);
        List<Future<Boolean>> results = recordConcurrently(inbox, i -> "event:Ev" + i);

        assertThat(results).allSatisfy(result -> assertThat(result.get(10, TimeUnit.SECONDS)).isTrue());
        assertThat(connections).as("the held write, the failed batch, then 19 alone").hasValue(21);
        assertThat(rows()).isEqualTo(REQUESTS);
    }

    @Test
    void aSharedWriteThatCannotReachTheDatabaseRefusesEveryRequestAtOnce() throws Exception {
        connectionsToRefuse.set(1);
        SlackInbox inbox = new SlackInbox(heldDataSource(), clock);
        List<Future<Boolean>> results = recordConcurrently(inbox, i -> "event:Ev" + i);

        assertThat(results.get(0).get(10, TimeUnit.SECONDS)).isTrue();
        for (Future<Boolean> result : results.subList(1, REQUESTS)) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> result.get(10, TimeUnit.SECONDS)))
                    .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("request timed out");
        }
        assertThat(connections).as("no entry written again alone: each would wait for the pool again").hasValue(2);
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void aLoneRequestIsWrittenAtOnceAndRefusedWhenTheDatabaseFails() {
        firstWriteMayGo.countDown();
        SlackInbox inbox = new SlackInbox(heldDataSource(), clock);
        assertThat(inbox.record(entry("event:Ev1"))).isTrue();
        assertThat(inbox.record(entry("event:Ev1"))).isFalse();

        batchesToFail.set(1);
        assertThatThrownBy(() -> inbox.record(entry("event:Ev2")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("refused by the test");
        assertThat(inbox.record(entry("event:Ev2"))).isTrue();
    }

    /** Starts the first request, waits until it holds its connection, then the others, until all are queued. */
    private List<Future<Boolean>> recordConcurrently(SlackInbox inbox, java.util.function.IntFunction<String> key)
            throws Exception {
        List<Future<Boolean>> results = new ArrayList<>();
        results.add(threads.submit(() -> inbox.record(entry(key.apply(0)))));
        while (connections.get() == 0) {
            Thread.sleep(1);
        }
        for (int i = 1; i < REQUESTS; i++) {
            int n = i;
            results.add(threads.submit(() -> inbox.record(entry(key.apply(n)))));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inbox.waiting() < REQUESTS - 1 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(inbox.waiting()).isEqualTo(REQUESTS - 1);
        firstWriteMayGo.countDown();
        return results;
    }

    private static SlackInbox.Entry entry(String key) {
        return new SlackInbox.Entry(key, SlackInbox.SLACK, "C1:1.0", "{\"event_id\":\"" + key + "\"}");
    }

    private int rows() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM slack_inbox")) {
            count.next();
            return count.getInt(1);
        }
    }

    /**
     * H2, counting connections; the first is handed out once the test lets it go, and while {@link #batchesToFail}
     * is positive a connection's commit (or, in autocommit, its statement) fails once.
     */
    private DataSource heldDataSource() {
        return (DataSource) Proxy.newProxyInstance(SlackInboxTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (connections.incrementAndGet() == 1) {
                        firstWriteMayGo.await();
                    } else if (connectionsToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new SQLTransientConnectionException(
                                "HikariPool-1 - Connection is not available, request timed out after 2000ms.");
                    } else if (batchesToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        return failing(connect());
                    }
                    return connect();
                });
    }

    /** A connection whose statements' writes all fail, as a database that went away. */
    private static Connection failing(Connection real) {
        return (Connection) Proxy.newProxyInstance(SlackInboxTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")) {
                        throw new SQLException("refused by the test");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
