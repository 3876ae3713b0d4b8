package dev.alfred.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.Test;

class StorageSetupTest {

    @Test
    void theStorageSetUpInTheBackgroundIsTheOneHandedOutAndHasJobRunrsTables() throws Exception {
        DataSource h2 = h2();
        StorageSetup setup = new StorageSetup();

        setup.start(h2);
        StorageProvider storage = setup.provider(h2);

        assertThat(storage).isNotNull();
        assertThat(migrationsApplied(h2)).isPositive();
        storage.close();
    }

    @Test
    void aDataSourceTheBackgroundDidNotStartOnIsSetUpWhenAskedFor() throws Exception {
        DataSource first = h2();
        DataSource other = h2();
        StorageSetup setup = new StorageSetup();
        setup.start(first);

        StorageProvider storage = setup.provider(other);

        assertThat(migrationsApplied(other)).isPositive();
        storage.close();
        setup.close();
    }

    @Test
    void aSetUpThatKeepsFailingFailsWhoeverWaitsForIt() {
        StorageSetup setup = new StorageSetup();
        DataSource unreachable = new Unreachable();
        setup.start(unreachable);

        assertThatThrownBy(() -> setup.provider(unreachable)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("database is down");
    }

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    private static int migrationsApplied(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM jobrunr_migrations")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** A database that refuses every connection. */
    private static final class Unreachable implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException("database is down");
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
