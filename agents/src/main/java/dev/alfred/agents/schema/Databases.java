package dev.alfred.agents.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Which of the two databases Alfred runs on (H2 in PostgreSQL mode, or PostgreSQL) a {@code DataSource} reaches, and
 * whether a failure came from the database: the one place each question is answered (the Slack and webhook
 * controllers refuse a request as not recorded on such a failure; the Slack inbox decides whether to write again).
 */
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

    /** @return whether {@code failure} comes from the database: a {@link SQLException} among its causes */
    public static boolean isDatabaseFailure(Throwable failure) {
        return causedBy(failure, SQLException.class::isInstance);
    }

    /**
     * @return whether {@code failure} comes from not reaching the database: a connection refused or lost (the SQL
     *     standard's SQLSTATE class 08, "connection exception", as in PostgreSQL's Appendix A, Error Codes), or none
     *     free in the pool in time (Hikari's {@link SQLTransientConnectionException})
     */
    public static boolean isConnectionFailure(Throwable failure) {
        return causedBy(failure, cause -> cause instanceof SQLTransientConnectionException
                || cause instanceof SQLException sql && sql.getSQLState() != null
                        && sql.getSQLState().startsWith("08"));
    }

    /** @return whether {@code failure} or one of its causes is {@code what}; a cause that is its own cause ends it */
    private static boolean causedBy(Throwable failure, Predicate<Throwable> what) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (what.test(cause)) {
                return true;
            }
        }
        return false;
    }
}
