package dev.alfred.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Serialises the set-up of JobRunr's tables across replicas on one PostgreSQL database. JobRunr runs its own
 * migrations without a lock: two replicas starting together on an empty database may both apply one, which leaves
 * its row twice in {@code jobrunr_migrations} and every later start fails with "A migration was applied multiple
 * times" — no retry recovers from that. Holding a session-level advisory lock
 * (<a href="https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS">PostgreSQL, advisory
 * locks</a>) around the set-up makes the second replica wait and then find the migrations done. Other databases
 * (the embedded H2 has one process) run the set-up as is.
 */
final class StorageSetupLock {
    /** The advisory lock's key: any constant no other code here takes ("JOBRUNR" in ASCII, as a number). */
    static final long KEY = 0x4A4F4252554E52L;

    private StorageSetupLock() {
    }

    /**
     * Runs {@code setUp} holding the lock when {@code dataSource} is PostgreSQL; the lock is released when the set-up
     * ends, whether it returns or throws.
     *
     * @return what {@code setUp} returns
     * @throws IllegalStateException when the lock cannot be taken or the database not asked what it is
     */
    static <T> T holding(DataSource dataSource, Supplier<T> setUp) {
        try (Connection connection = dataSource.getConnection()) {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return setUp.get();
            }
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            call(connection, "SELECT pg_advisory_lock(?)");
            try {
                return setUp.get();
            } finally {
                call(connection, "SELECT pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the lock around JobRunr's storage set-up: "
                    + e.getMessage(), e);
        }
    }

    private static void call(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, KEY);
            statement.executeQuery().close();
        }
    }
}
