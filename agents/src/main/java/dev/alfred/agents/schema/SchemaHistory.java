package dev.alfred.agents.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Reads Flyway's schema history table ({@value ShippedMigrations#HISTORY_TABLE}) with plain JDBC, without Flyway:
 * one query on one connection. The table and column names are Flyway 10's, quoted in lower case as Flyway creates
 * them on H2 and PostgreSQL; the table is looked up in the connection's current schema, where Flyway creates it
 * when no schema is configured (ours is not).
 */
final class SchemaHistory {
    private static final String QUERY = "SELECT \"version\", \"success\" FROM \"" + ShippedMigrations.HISTORY_TABLE
            + "\"";

    private SchemaHistory() {
    }

    /**
     * @param dataSource the database to ask
     * @return the highest version applied when every row of the history is a successful integer-versioned or
     *         unversioned migration; {@code -1} when the history has a failed row, a version that is not a whole
     *         number, or no versioned row
     * @throws SQLException when the history cannot be read, e.g. the table does not exist yet (an empty database)
     */
    static long highestVersion(DataSource dataSource) throws SQLException {
        long highest = -1;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(QUERY);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String version = rows.getString(1);
                if (!rows.getBoolean(2)) {
                    return -1;
                }
                if (version != null) {
                    try {
                        highest = Math.max(highest, Long.parseLong(version.trim()));
                    } catch (NumberFormatException e) {
                        return -1;
                    }
                }
            }
        }
        return highest;
    }
}
