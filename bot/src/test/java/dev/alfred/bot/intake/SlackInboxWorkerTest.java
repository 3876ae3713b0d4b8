package dev.alfred.bot.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.BeanProvider;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SlackInboxWorker}'s sweep on a real (in-memory H2) {@code slack_inbox} table, made by the migration that
 * makes it in Alfred's schema: entries a dead process left are processed once; an entry this process's lane finished
 * while the sweep was claiming it is not processed again.
 */
class SlackInboxWorkerTest {
    private static final Duration CLAIM = Duration.ofSeconds(10);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T12:00:00Z"));
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private JdbcDataSource dataSource;

    @BeforeEach
    void createTable() throws Exception {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:inbox-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        try (Connection connection = dataSource.getConnection()) {
            createInboxTable(connection);
        }
    }

    /** Makes the {@code slack_inbox} table on {@code connection}, with the migration that makes it for Alfred. */
    static void createInboxTable(Connection connection) throws Exception {
        String migration;
        try (InputStream in = SlackInboxWorkerTest.class.getClassLoader()
                .getResourceAsStream("db/migration/V11__slack_inbox.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : migration.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }

    @Test
    void anEntryLeftByADeadProcessIsProcessedOnceBySweep() throws Exception {
        SlackInbox inbox = new SlackInbox(dataSource, clock);
        SlackInbox.Entry entry = entry("event:Ev1");
        assertThat(inbox.record(entry)).isTrue();
        clock.advance(CLAIM.plusSeconds(1));

        SlackInboxWorker worker = worker(inbox);
        worker.sweep();
        worker.sweep();
        worker.close();

        assertThat(handled).containsExactly("event:Ev1");
        assertThat(inbox.isProcessed("event:Ev1")).isTrue();
    }

    @Test
    void anEntryFinishedWhileTheSweepClaimedItIsNotProcessedAgain() throws Exception {
        SlackInbox inbox = new SlackInbox(dataSource, clock) {
            @Override
            public List<Entry> claimStale(Duration claim, int limit) {
                List<Entry> claimed = super.claimStale(claim, limit);
                // Between the claim and the sweep's look at what is in flight, this process's lane finishes them.
                claimed.forEach(done -> processed(done.deliveryKey()));
                return claimed;
            }
        };
        assertThat(inbox.record(entry("event:Ev2"))).isTrue();
        clock.advance(CLAIM.plusSeconds(1));

        SlackInboxWorker worker = worker(inbox);
        worker.sweep();
        worker.close();

        assertThat(handled).as("requests handled by the sweep").isEmpty();
    }

    private SlackInboxWorker worker(SlackInbox inbox) {
        InboxHandler handler = new InboxHandler() {
            @Override
            public String kind() {
                return SlackInbox.SLACK;
            }

            @Override
            public void process(SlackInbox.Entry entry) {
                handled.add(entry.deliveryKey());
            }
        };
        BeanProvider<InboxHandler> handlers = new BeanProvider<>() {
            @Override
            public InboxHandler get() {
                return handler;
            }

            @Override
            public Stream<InboxHandler> stream() {
                return Stream.of(handler);
            }
        };
        return new SlackInboxWorker(inbox, handlers, clock, 1, CLAIM);
    }

    private static SlackInbox.Entry entry(String deliveryKey) {
        return new SlackInbox.Entry(deliveryKey, SlackInbox.SLACK, "C1:1700000000.000100",
                "{\"type\":\"event_callback\"}");
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
