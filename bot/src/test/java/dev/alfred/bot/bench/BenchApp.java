package dev.alfred.bot.bench;

import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunRepository;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.TestDatabase;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.awaitility.Awaitility;

/**
 * Alfred in this JVM for one benchmark: {@link AlfredTestApp} (fake Slack, fake model, the real application on
 * 127.0.0.1) on a fresh database of the kind asked for, the floor endpoint mounted, and helpers to wait on it.
 */
final class BenchApp implements AutoCloseable {
    private static final Pattern RUN_ID = Pattern.compile("run `([^`]+)`");

    final AlfredTestApp app;
    final Database database;
    /** Queries {@link #awaitStatus} made, each a transaction of its own: the harness's share of the database's work. */
    final java.util.concurrent.atomic.AtomicLong statusPolls = new java.util.concurrent.atomic.AtomicLong();

    /** The databases benchmarks run on. */
    enum Database {
        H2("H2"), POSTGRES("PostgreSQL");

        final String label;

        Database(String label) {
            this.label = label;
        }

        /** @return a fresh database: an H2 file database as Alfred's embedded one, or a new PostgreSQL database */
        TestDatabase create() {
            if (this == H2) {
                try {
                    return TestDatabase.h2File(Files.createTempDirectory("alfred-bench-h2"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return TestDatabase.postgres();
        }
    }

    private BenchApp(AlfredTestApp app, Database database) {
        this.app = app;
        this.database = database;
    }

    static BenchApp start(Database database, Map<String, Object> extra, Consumer<LocalSlack> prepare)
            throws Exception {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put("alfred.bench.floor", "true");
        return new BenchApp(AlfredTestApp.start(database.create(), properties, prepare), database);
    }

    /** @return a harness around an application already started on PostgreSQL */
    static BenchApp wrap(AlfredTestApp app) {
        return new BenchApp(app, Database.POSTGRES);
    }

    static BenchApp start(Database database, Map<String, Object> extra) throws Exception {
        return start(database, extra, slack -> { });
    }

    int port() {
        return app.context.getBean(EmbeddedServer.class).getPort();
    }

    DataSource dataSource() {
        return DelegatingDataSource.unwrapDataSource(app.context.getBean(DataSource.class));
    }

    /** @return the run id an ephemeral "On it: run `…`" acknowledgement names, or null */
    static String runId(String ackBody) {
        Matcher matcher = RUN_ID.matcher(ackBody);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** @return the run once it is in {@code status}, polling every 5 ms for up to {@code atMost} */
    Run awaitStatus(String runId, RunStatus status, Duration atMost) {
        return awaitStatus(runId, status, atMost, Duration.ofMillis(5));
    }

    /** @return the run once it is in {@code status}, polling every {@code every} for up to {@code atMost} */
    Run awaitStatus(String runId, RunStatus status, Duration atMost, Duration every) {
        RunRepository runs = app.context.getBean(RunRepository.class);
        return Awaitility.await().atMost(atMost).pollInterval(every).pollDelay(Duration.ZERO)
                .until(() -> {
                    statusPolls.incrementAndGet();
                    return runs.findById(runId).orElse(null);
                }, run -> run != null && run.status() == status);
    }

    /**
     * Waits until every run has ended or parked and every message that keeps its order has left the outbox, so the
     * next measurement starts quiet. Status updates are left out: held to
     * {@code alfred.outbox.updates-per-minute}, they trickle out for minutes after a burst of runs, and each is a
     * single small query.
     */
    void awaitQuiet(Duration atMost) {
        try {
            Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> count(
                    "SELECT COUNT(*) FROM runs WHERE " + NOT_QUIET) == 0
                    && count("SELECT COUNT(*) FROM outbox_messages WHERE " + UNSENT) == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not quiet after " + atMost + ": " + rows("SELECT id, status, step_count, "
                    + "thread_ts, lease_owner, lease_expires_at, updated_at FROM runs WHERE " + NOT_QUIET)
                    + "; outbox: " + rows("SELECT * FROM outbox_messages WHERE " + UNSENT) + "; JobRunr's jobs: "
                    + rows("SELECT state, COUNT(*) AS jobs, MIN(updatedat) AS oldest FROM jobrunr_jobs GROUP BY state")
                    + "; JobRunr's servers: " + rows("SELECT id, running, lastheartbeat FROM "
                    + "jobrunr_backgroundjobservers"), e);
        }
    }

    private static final String NOT_QUIET = "status NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED', "
            + "'WAITING_FOR_REPLY', 'WAITING_FOR_APPROVAL')";
    private static final String UNSENT = "status = 'PENDING' AND coalesce_key IS NULL";

    /** @return the first 10 rows {@code sql} selects, one line each, for a failure's message */
    private String rows(String sql) {
        StringBuilder text = new StringBuilder();
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            for (int n = 0; n < 10 && rows.next(); n++) {
                text.append("\n  ");
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    text.append(rows.getMetaData().getColumnLabel(column)).append('=').append(rows.getString(column))
                            .append(' ');
                }
            }
        } catch (SQLException e) {
            text.append("(could not read: ").append(e).append(')');
        }
        return text.length() == 0 ? "none" : text.toString();
    }

    long count(String sql) throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** @return the database's product name and version, e.g. {@code PostgreSQL 15.20} */
    String databaseVersion() throws SQLException {
        try (Connection connection = dataSource().getConnection()) {
            return connection.getMetaData().getDatabaseProductName() + " "
                    + connection.getMetaData().getDatabaseProductVersion();
        }
    }

    @Override
    public void close() {
        app.close();
    }

    /**
     * @return the report file: {@code -Dalfred.bench.report}, else the repository's {@code docs/benchmarks.md} for a full
     *         run and {@code bot/target/bench-partial.md} for a partial one ({@link Plan#partial()})
     */
    static Path reportPath(Plan plan) {
        String fallback = plan.partial() ? "target/bench-partial.md" : "../docs/benchmarks.md";
        return Path.of(System.getProperty("alfred.bench.report", fallback));
    }
}
