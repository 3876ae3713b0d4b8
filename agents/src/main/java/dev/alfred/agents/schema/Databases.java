package dev.alfred.agents.schema;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Which of the two databases Alfred runs on (H2 in PostgreSQL mode, or PostgreSQL) a {@code DataSource} reaches. */
public final class Databases {
    private Databases() {
    }

    /**
     * Asks the database on a connection of its own (JDBC's {@code DatabaseMetaData.getDatabaseProductName}).
     *
     * @return whether {@code dataSource} reaches PostgreSQL (else H2)
     * @throws IllegalStateException when no connection can be had or the database does not answer
     */
    public static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("could not ask the database what it is: " + e.getMessage(), e);
        }
    }
}
