package dev.alfred.bot.intake;

import dev.alfred.agents.schema.Databases;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@code slack_inbox} table (migration V11): a Slack request recorded before it is acknowledged, so that every
 * acknowledged request is processed although the work happens after the ack. Recording is an
 * {@code INSERT … ON CONFLICT DO NOTHING} keyed by the delivery: Slack's retries (same {@code event_id}, header
 * {@code X-Slack-Retry-Num}) find the key taken and are acknowledged without more work.
 *
 * <p>Requests recorded at the same moment share one transaction ({@link GroupCommit}): under a burst each ack pays a
 * share of one commit instead of a commit of its own; a lone request writes at once, alone.
 *
 * <p>A row is claimed by the process that records it ({@code claimed_at}); another process (or this one, after a
 * restart) takes it over once the claim is older than the claim time ({@link #claimStale}); processing is
 * idempotent downstream (run creation and replies are de-duplicated by their delivery key, decisions are
 * compare-and-set), so a takeover of a slow row repeats nothing. Plain JDBC on the unwrapped pool: no transaction
 * manager on the ack path. Every method throws {@link IllegalStateException} wrapping the {@link SQLException} when
 * the database fails (the controller answers such a request as not recorded).
 */
@Singleton
public class SlackInbox {
    /** Kind of a recorded raw Slack request (an Events API delivery): {@code body} as received. */
    public static final String SLACK = "SLACK";

    /**
     * A recorded request.
     *
     * @param deliveryKey unique key, {@code event:<event_id>}
     * @param kind        {@link #SLACK}: which {@link InboxHandler} processes it
     * @param lane        what orders processing: requests of one lane (a thread) are processed one at a time in
     *                    arrival order
     * @param body        the request, as its kind says
     */
    public record Entry(String deliveryKey, String kind, String lane, String body) {
    }

    /** Most entries written in one transaction. */
    static final int MAX_BATCH = 64;
    private static final String INSERT = "INSERT INTO slack_inbox (delivery_key, kind, lane, body, received_at, "
            + "claimed_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private final DataSource dataSource;
    private final Clock clock;
    private final GroupCommit<Entry, Boolean> records;

    public SlackInbox(DataSource dataSource, Clock clock) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.clock = clock;
        this.records = new GroupCommit<>(this::insert, MAX_BATCH, failure -> !Databases.isConnectionFailure(failure));
    }

    /**
     * Records {@code entry}, committed when this returns, in a transaction it may share with entries recorded
     * concurrently (at most {@link #MAX_BATCH}; {@link GroupCommit}): if a shared write fails, each of its entries is
     * written again on its own, so one entry cannot refuse another's; unless the database could not be reached
     * ({@link Databases#isConnectionFailure}), which every entry of the write is told at once: with a pool's connection
     * timeout of 2 s, writing again would take a request past Slack's 3 s.
     *
     * @return true when the entry is new and now recorded (claimed by the caller), false for a duplicate key
     * @throws IllegalStateException when the database fails
     */
    public boolean record(Entry entry) {
        return records.write(entry);
    }

    /** @return how many entries wait for a write under way (for tests) */
    int waiting() {
        return records.waiting();
    }

    /** Inserts the batch in one transaction. @return for each entry whether it was new */
    private List<Boolean> insert(List<Entry> batch) {
        OffsetDateTime now = at(clock.instant());
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            int[] counts;
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                if (batch.size() == 1) {
                    bind(insert, batch.get(0), now);
                    counts = new int[] {insert.executeUpdate()};
                } else {
                    connection.setAutoCommit(false);
                    for (Entry entry : batch) {
                        bind(insert, entry, now);
                        insert.addBatch();
                    }
                    counts = insert.executeBatch();
                }
                for (int count : counts) {
                    if (count != 0 && count != 1) {
                        throw new SQLException("the JDBC driver reported " + count + " rows for one insert");
                    }
                }
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            } catch (SQLException | RuntimeException e) {
                try {
                    if (!connection.getAutoCommit()) {
                        connection.rollback();
                    }
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
            List<Boolean> fresh = new ArrayList<>(counts.length);
            for (int count : counts) {
                fresh.add(count == 1);
            }
            return fresh;
        } catch (SQLException e) {
            throw new IllegalStateException("Slack inbox: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement insert, Entry entry, OffsetDateTime now) throws SQLException {
        insert.setString(1, entry.deliveryKey());
        insert.setString(2, entry.kind());
        insert.setString(3, entry.lane());
        insert.setString(4, entry.body());
        insert.setObject(5, now);
        insert.setObject(6, now);
    }

    /** Notes that the entry's work is done; its key stays to de-duplicate retries. */
    public void processed(String deliveryKey) {
        update("UPDATE slack_inbox SET processed_at = ? WHERE delivery_key = ?", at(clock.instant()),
                deliveryKey);
    }

    /** @return whether the entry's work is done ({@link #processed} was called for it) */
    public boolean isProcessed(String deliveryKey) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT 1 FROM slack_inbox WHERE delivery_key = ? AND processed_at IS NOT NULL")) {
            select.setString(1, deliveryKey);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the Slack inbox", e);
        }
    }

    /**
     * Claims unprocessed entries whose claim is older than {@code claim} (their process died, or was too slow), by
     * compare-and-set on {@code claimed_at}, so of two sweeping processes one gets each entry.
     *
     * @return the claimed entries, oldest first, at most {@code limit}
     */
    public List<Entry> claimStale(Duration claim, int limit) {
        Instant now = clock.instant();
        List<Entry> candidates = new ArrayList<>();
        List<OffsetDateTime> claims = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT delivery_key, kind, lane, body, "
                        + "claimed_at FROM slack_inbox WHERE processed_at IS NULL AND claimed_at < ? "
                        + "ORDER BY received_at LIMIT " + limit)) {
            select.setObject(1, at(now.minus(claim)));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    candidates.add(new Entry(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4)));
                    claims.add(rows.getObject(5, OffsetDateTime.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the Slack inbox", e);
        }
        List<Entry> claimed = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (update("UPDATE slack_inbox SET claimed_at = ? WHERE delivery_key = ? AND claimed_at = ? "
                    + "AND processed_at IS NULL", at(now), candidates.get(i).deliveryKey(),
                    claims.get(i)) == 1) {
                claimed.add(candidates.get(i));
            }
        }
        return claimed;
    }

    /** Deletes entries processed before {@code before}: Slack retries for at most an hour. @return how many */
    public int forget(Instant before) {
        return update("DELETE FROM slack_inbox WHERE processed_at < ?", at(before));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private int update(String sql, Object... values) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            int changed = statement.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return changed;
        } catch (SQLException e) {
            throw new IllegalStateException("Slack inbox: " + e.getMessage(), e);
        }
    }
}
