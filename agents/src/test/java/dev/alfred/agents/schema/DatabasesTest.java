package dev.alfred.agents.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/**
 * {@link Databases}' failure questions, on the shapes failures reach the controllers and the Slack inbox in: an
 * {@link SQLException} wrapped by a repository or the inbox, a connection refused (SQLSTATE class 08), Hikari's
 * timeout for a pooled connection, and a cause chain that loops.
 */
class DatabasesTest {
    @Test
    void anSqlExceptionAmongTheCausesIsADatabaseFailure() {
        SQLException duplicate = new SQLException("duplicate key value violates unique constraint", "23505");
        IllegalStateException wrapped = new IllegalStateException("Slack inbox: " + duplicate.getMessage(),
                new RuntimeException(duplicate));

        assertThat(Databases.isDatabaseFailure(wrapped)).isTrue();
        assertThat(Databases.isConnectionFailure(wrapped)).as("a constraint is not a lost connection").isFalse();
        assertThat(Databases.isDatabaseFailure(new IllegalStateException("no handler for SLACK"))).isFalse();
    }

    @Test
    void aConnectionRefusedOrNoneFreeInThePoolIsAConnectionFailure() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
        SQLTransientConnectionException poolTimeout = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 2000ms.");

        assertThat(Databases.isConnectionFailure(new IllegalStateException(refused))).isTrue();
        assertThat(Databases.isConnectionFailure(new IllegalStateException(poolTimeout))).isTrue();
        assertThat(Databases.isDatabaseFailure(poolTimeout)).isTrue();
    }

    @Test
    void aCauseChainThatLoopsEndsTheWalk() {
        RuntimeException loop = new RuntimeException("its own cause") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };

        assertThat(Databases.isDatabaseFailure(loop)).isFalse();
        assertThat(Databases.isConnectionFailure(new UncheckedIOException("wrapped", new IOException(loop))))
                .isFalse();
    }
}
