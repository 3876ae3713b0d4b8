package dev.alfred.bot.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A fresh, empty database for one test class: H2 in memory, or a new PostgreSQL database.
 *
 * <p>PostgreSQL comes from {@code ALFRED_TEST_JDBC_URL} (a server URL with credentials, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}, user from {@code ALFRED_TEST_JDBC_USER}, default
 * {@code postgres}, password from {@code ALFRED_TEST_JDBC_PASSWORD}), on which a database {@code alfred_it_<random>} is
 * created and dropped afterwards; else from Testcontainers when Docker is available; else the test is skipped with
 * the reason.
 */
public final class TestDatabase implements AutoCloseable {
    private static PostgreSQLContainer<?> container;

    private final String url;
    private final String user;
    private final String password;
    private final Runnable cleanup;

    private TestDatabase(String url, String user, String password, Runnable cleanup) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.cleanup = cleanup;
    }

    /** @return an empty in-memory H2 database in PostgreSQL mode */
    public static TestDatabase h2() {
        String url = "jdbc:h2:mem:alfred-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        return new TestDatabase(url, "sa", "", () -> { });
    }

    /**
     * @return an empty H2 file database under {@code directory}, with the options Alfred's embedded database has
     *     (as {@code ALFRED_HOME/db} is when no {@code ALFRED_DB_URL} is set)
     */
    public static TestDatabase h2File(java.nio.file.Path directory) {
        String url = dev.alfred.bot.config.AlfredSettings.withH2Options("jdbc:h2:file:"
                + directory.resolve("alfred").toAbsolutePath());
        return new TestDatabase(url, "sa", "", () -> { });
    }

    /** @return an empty PostgreSQL database, or a skipped test when no PostgreSQL can be had */
    public static TestDatabase postgres() {
        String server = System.getenv("ALFRED_TEST_JDBC_URL");
        if (server != null && !server.isBlank()) {
            return createDatabaseOn(server, envOr("ALFRED_TEST_JDBC_USER", "postgres"),
                    envOr("ALFRED_TEST_JDBC_PASSWORD", ""));
        }
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        Assumptions.assumeTrue(docker, "PostgreSQL tests skipped: ALFRED_TEST_JDBC_URL is not set and no Docker "
                + "engine is available for Testcontainers");
        synchronized (TestDatabase.class) {
            if (container == null) {
                container = new PostgreSQLContainer<>("postgres:16-alpine");
                container.start();
            }
        }
        return createDatabaseOn(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    private static TestDatabase createDatabaseOn(String serverUrl, String user, String password) {
        String name = "alfred_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(serverUrl, user, password, "CREATE DATABASE " + name);
        String base = serverUrl.replaceFirst("(jdbc:postgresql://[^/?]+/)[^?]*", "$1" + name);
        return new TestDatabase(base, user, password,
                () -> execute(serverUrl, user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "' on " + url.replaceAll("password=[^&]*", "")
                    + ": " + e.getMessage(), e);
        }
    }

    /** @return Micronaut properties for this database */
    public Map<String, Object> properties() {
        return Map.of("datasources.default.url", url, "datasources.default.username", user,
                "datasources.default.password", password);
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * Simulates a database outage (PostgreSQL only): new connections are refused and every open connection of the
     * database is terminated, until {@link #allowConnections()}.
     */
    public void refuseConnections() {
        String name = databaseName();
        execute(serverUrl(), user, password, "ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        execute(serverUrl(), user, password, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                + name + "' AND pid <> pg_backend_pid()");
    }

    /** Ends a simulated outage: the database accepts connections again. */
    public void allowConnections() {
        execute(serverUrl(), user, password, "ALTER DATABASE " + databaseName() + " ALLOW_CONNECTIONS true");
    }

    /** @return this server's maintenance database {@code postgres}, for statements about this database */
    private String serverUrl() {
        return url.replaceFirst("(jdbc:postgresql://[^/?]+/)[^?]*", "$1postgres");
    }

    private String databaseName() {
        if (!isPostgres()) {
            throw new UnsupportedOperationException("only a PostgreSQL database can be cut off");
        }
        return url.replaceFirst("jdbc:postgresql://[^/?]+/([^?]*).*", "$1");
    }

    /** @return whether this is PostgreSQL */
    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public void close() {
        cleanup.run();
    }
}
