package dev.alfred.bot.bench;

import dev.alfred.agents.run.SpendDayRepository;
import io.micronaut.data.annotation.Query;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * The spend gate's day-spend query with many of the day's model turns, on H2 in memory in this JVM (as Alfred's
 * embedded database runs): the sum over the day's turns it asked before V13 ({@link #OLD_GATE_QUERY}) against the
 * day counters it reads since ({@code SpendDayRepository.find}, its SQL taken from the repository's annotation).
 * For each size (default 10,000 and 100,000 turns today, 10 a run, over 20 agents and 100 requesters), a fresh
 * database migrated by Flyway, the turns inserted with their counters, then each query asked 20 times to warm up and
 * then {@code calls} times (system property {@code calls}, default 100), each time for another agent and requester;
 * printed: the medians of the calling thread's CPU time per call (all of H2's work happens in it) and of the wall
 * time, in milliseconds. The JIT warms up over the first size: give a size twice to see its warm figures.
 *
 * <p>Run: {@code java -cp <bot's test classpath> dev.alfred.bot.bench.DaySpendQueryBench [turns...]}.
 */
public final class DaySpendQueryBench {
    /** The gate's query before V13 ({@code StepRepository.daySpendSince}); binds agent, user, agent, user, since */
    public static final String OLD_GATE_QUERY = "SELECT COALESCE(SUM(CASE WHEN r.agent = ? THEN s.cost_usd END), 0), "
            + "COALESCE(SUM(CASE WHEN r.requester_user_id = ? THEN s.cost_usd END), 0) "
            + "FROM run_steps s JOIN runs r ON r.id = s.run_id "
            + "WHERE (r.agent = ? OR r.requester_user_id = ?) AND s.finished_at >= ? AND s.cost_usd IS NOT NULL";
    private static final int AGENTS = 20;
    private static final int REQUESTERS = 100;
    private static final int TURNS_PER_RUN = 10;

    private DaySpendQueryBench() {
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.getInteger("calls", 100);
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args) {
            sizes.add(Integer.parseInt(arg));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(10_000, 100_000);
        }
        String newQuery = SpendDayRepository.class.getMethod("find", LocalDate.class, String.class, String.class)
                .getAnnotation(Query.class).value().replaceAll(":\\w+", "?");
        for (int turns : sizes) {
            String url = "jdbc:h2:mem:bench-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
            Flyway.configure().dataSource(url, "sa", "").load().migrate();
            try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
                Instant now = Instant.now();
                fill(connection, turns, now);
                Instant since = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
                double[] old = time(connection, OLD_GATE_QUERY, calls, (query, i) -> {
                    bind(query, "agent-" + i % AGENTS, "U" + i % REQUESTERS, "agent-" + i % AGENTS,
                            "U" + i % REQUESTERS, since.atOffset(ZoneOffset.UTC));
                });
                double[] counters = time(connection, newQuery, calls, (query, i) -> {
                    bind(query, LocalDate.ofInstant(now, ZoneOffset.UTC), "agent-" + i % AGENTS, "U" + i % REQUESTERS);
                });
                System.out.printf(java.util.Locale.ROOT, "%,d turns today: old sum %.3f ms CPU (%.3f wall), "
                        + "counters %.3f ms CPU (%.3f wall), medians of %d calls%n", turns, old[0], old[1],
                        counters[0], counters[1], calls);
            }
        }
    }

    /** Inserts {@code turns} model turns finished today at a cent each, with their runs and day counters. */
    private static void fill(Connection connection, int turns, Instant now) throws Exception {
        connection.setAutoCommit(false);
        Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        long span = Math.max(1, now.toEpochMilli() - midnight.toEpochMilli());
        try (PreparedStatement run = connection.prepareStatement("INSERT INTO runs (id, agent, task, status, "
                + "channel_id, requester_user_id, step_count, max_steps, created_at, updated_at) "
                + "VALUES (?, ?, 't', 'SUCCEEDED', 'C1', ?, 10, 50, ?, ?)");
                PreparedStatement step = connection.prepareStatement("INSERT INTO run_steps (id, run_id, step_no, "
                        + "attempt, kind, status, started_at, finished_at, model, cost_usd, priced) "
                        + "VALUES (?, ?, ?, 1, 'MODEL_TURN', 'SUCCEEDED', ?, ?, 'm', 0.01, TRUE)")) {
            for (int i = 0; i < turns; i++) {
                var at = midnight.plusMillis(i * span / turns).atOffset(ZoneOffset.UTC);
                String runId = "R" + (i / TURNS_PER_RUN);
                if (i % TURNS_PER_RUN == 0) {
                    int runNo = i / TURNS_PER_RUN;
                    run.setString(1, runId);
                    run.setString(2, "agent-" + runNo % AGENTS);
                    run.setString(3, "U" + runNo % REQUESTERS);
                    run.setObject(4, at);
                    run.setObject(5, at);
                    run.executeUpdate();
                }
                step.setObject(1, UUID.randomUUID());
                step.setString(2, runId);
                step.setInt(3, i % TURNS_PER_RUN + 1);
                step.setObject(4, at);
                step.setObject(5, at);
                step.addBatch();
            }
            step.executeBatch();
        }
        try (PreparedStatement counters = connection.prepareStatement("INSERT INTO spend_days (utc_day, scope, "
                + "subject, cost_usd) SELECT CAST(? AS DATE), 'agent', r.agent, SUM(s.cost_usd) FROM run_steps s "
                + "JOIN runs r ON r.id = s.run_id GROUP BY r.agent UNION ALL SELECT CAST(? AS DATE), 'requester', "
                + "r.requester_user_id, SUM(s.cost_usd) FROM run_steps s JOIN runs r ON r.id = s.run_id "
                + "GROUP BY r.requester_user_id")) {
            LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
            counters.setObject(1, day);
            counters.setObject(2, day);
            counters.executeUpdate();
        }
        connection.commit();
        connection.setAutoCommit(true);
    }

    /** Binds the parameters of call number {@code i}. */
    private interface Binder {
        void bind(PreparedStatement query, int i) throws SQLException;
    }

    private static void bind(PreparedStatement query, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            query.setObject(i + 1, parameters[i]);
        }
    }

    /**
     * Each call asks for another agent and requester than the one before: H2 answers a prepared statement asked again
     * with the same parameters, and no table changed, from the result it kept, which a step's commit never allows.
     *
     * @return medians of the thread's CPU time and of the wall time per call, in milliseconds
     */
    private static double[] time(Connection connection, String sql, int calls, Binder binder) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Long> cpu = new ArrayList<>();
        List<Long> wall = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < 20 + calls; i++) {
                binder.bind(query, i);
                long cpuStart = threads.getCurrentThreadCpuTime();
                long wallStart = System.nanoTime();
                BigDecimal agent;
                try (ResultSet result = query.executeQuery()) {
                    result.next();
                    agent = result.getBigDecimal(1);
                }
                if (agent.signum() <= 0) {
                    throw new IllegalStateException("no spend found by " + sql);
                }
                if (i >= 20) {
                    cpu.add(threads.getCurrentThreadCpuTime() - cpuStart);
                    wall.add(System.nanoTime() - wallStart);
                }
            }
        }
        return new double[] {Stats.ofNanos(cpu).p(0.5), Stats.ofNanos(wall).p(0.5)};
    }
}
