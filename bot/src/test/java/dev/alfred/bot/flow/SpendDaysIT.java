package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alfred.agents.run.NewRun;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.SpendDayRepository.DaySpend;
import dev.alfred.agents.run.SpendDays;
import dev.alfred.agents.run.Step;
import dev.alfred.agents.run.StepKind;
import dev.alfred.agents.run.StepOutput;
import dev.alfred.agents.run.StepRepository;
import dev.alfred.agents.run.TranscriptRole;
import dev.alfred.agents.run.TurnUsage;
import dev.alfred.agents.spend.CapHit;
import dev.alfred.agents.spend.Spend;
import dev.alfred.agents.spend.SpendSettings;
import dev.alfred.bot.bench.DaySpendQueryBench;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.CountingDriver;
import dev.alfred.bot.support.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The spend day counters ({@link SpendDays}, migration V13) against the sum over the day's model turns that the spend
 * gate used to compute ({@link DaySpendQueryBench#OLD_GATE_QUERY}): after runs, sub-runs and compactions; under
 * concurrent commits of one agent's turns; across the migration's backfill; and at the UTC day boundary. Runs are
 * created through {@link RunStore} and cancelled at once, so no worker takes them; their turns are committed directly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SpendDaysIT {
    AlfredTestApp app;
    TestDatabase database;
    RunStore store;
    SpendDays days;

    abstract TestDatabase database();

    @BeforeAll
    void startAlfred() throws Exception {
        database = database();
        Map<String, Object> properties = new HashMap<>(CountingDriver.properties(database));
        properties.put("alfred.spend.agent-day-cap", "1.00");
        properties.put("alfred.spend.requester-day-cap", "5.00");
        app = AlfredTestApp.start(database, properties);
        store = app.context.getBean(RunStore.class);
        days = app.context.getBean(SpendDays.class);
    }

    @AfterAll
    void stopAlfred() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theCountersEqualTheSumOverTheDaysTurnsOfRunsSubRunsAndCompactions() throws Exception {
        Run root = newRun("mix-boss", "U1", null);
        Run child = newRun("mix-helper", "U1", root);
        Run grandchild = newRun("mix-helper", "U1", child);
        Run other = newRun("mix-boss", "U2", null);
        turn(root, 1, "0.100000");
        turn(child, 1, "0.200000");
        turn(grandchild, 1, "0.040000");
        summary(child, 2, "0.030000");
        turn(other, 1, "0.500000");
        turn(other, 2, "0");
        summary(root, 2, "0");

        for (String[] pair : new String[][] {{"mix-boss", "U1"}, {"mix-helper", "U1"}, {"mix-boss", "U2"},
                {"mix-helper", "U2"}}) {
            DaySpend counted = days.on(Instant.now(), pair[0], pair[1]);
            DaySpend summed = oldSum(pair[0], pair[1]);
            assertThat(counted.agentUsd()).as("agent %s", pair[0]).isEqualByComparingTo(summed.agentUsd());
            assertThat(counted.requesterUsd()).as("requester %s", pair[1])
                    .isEqualByComparingTo(summed.requesterUsd());
        }
        assertThat(days.on(Instant.now(), "mix-boss", "U2").agentUsd()).isEqualByComparingTo("0.6");
        assertThat(days.on(Instant.now(), "mix-helper", "U1").agentUsd()).isEqualByComparingTo("0.27");
        assertThat(days.on(Instant.now(), "mix-boss", "U1").requesterUsd()).isEqualByComparingTo("0.37");
        assertThat(store.find(root.id()).orElseThrow().spendUsd()).as("a sub-run's turns still count for its parents")
                .isEqualByComparingTo("0.37");
    }

    @Test
    void aPricedTurnWritesBothCountersInOneStatementOnPostgresqlAndTwoOnH2() {
        Run run = newRun("counted-agent", "U30", null);
        Map<String, Long> before = CountingDriver.statements();
        turn(run, 1, "0.010000");
        turn(run, 2, "0");
        long written = CountingDriver.difference(before, CountingDriver.statements()).entrySet().stream()
                .filter(e -> e.getKey().contains("spend_days")).mapToLong(Map.Entry::getValue).sum();

        assertThat(written).as("statements on spend_days").isEqualTo(database.isPostgres() ? 1 : 2);
        assertThat(days.on(Instant.now(), "counted-agent", "U30").requesterUsd()).isEqualByComparingTo("0.01");
    }

    @Test
    void concurrentTurnsOfOneAgentLoseNoIncrement() throws Exception {
        int threads = 4;
        int turns = 20;
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            runs.add(newRun("busy-agent", "U" + (10 + i % 2), null));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (Run run : runs) {
            done.add(pool.submit(() -> {
                go.await();
                for (int stepNo = 1; stepNo <= turns; stepNo++) {
                    turn(run, stepNo, "0.010000");
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> each : done) {
            each.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(days.on(Instant.now(), "busy-agent", "U10").agentUsd()).isEqualByComparingTo("0.80");
        assertThat(days.on(Instant.now(), "busy-agent", "U10").requesterUsd()).isEqualByComparingTo("0.40");
        assertThat(days.on(Instant.now(), "busy-agent", "U11").requesterUsd()).isEqualByComparingTo("0.40");
        assertThat(oldSum("busy-agent", "U10").agentUsd()).isEqualByComparingTo("0.80");
    }

    @Test
    void aTurnAtOneTenthBeforeMidnightAndOneAfterCountInTheirOwnUtcDays() {
        Run run = newRun("night-agent", "U20", null);
        Instant midnight = LocalDate.of(2026, 1, 2).atStartOfDay(ZoneOffset.UTC).toInstant();
        days.add(run, midnight.minusMillis(100), new BigDecimal("0.60"));
        days.add(run, midnight.plusMillis(100), new BigDecimal("0.60"));

        assertThat(capAt(run, midnight.minusMillis(50))).as("23:59:59.95, one turn of 0.60 against a cap of 1.00")
                .isEmpty();
        assertThat(capAt(run, midnight.plusMillis(200))).as("00:00:00.2 the next day, one turn of 0.60").isEmpty();
        days.add(run, midnight.plusMillis(300), new BigDecimal("0.40"));
        assertThat(capAt(run, midnight.plusMillis(400))).get().extracting(CapHit::cap).isEqualTo("agent-day");
        assertThat(days.on(midnight.minusMillis(100), "night-agent", "U20").requesterUsd())
                .isEqualByComparingTo("0.60");
    }

    @Test
    void theMigrationCountsTheTurnsRecordedBeforeIt() throws Exception {
        try (TestDatabase fresh = database.isPostgres() ? TestDatabase.postgres() : TestDatabase.h2()) {
            Map<String, Object> db = fresh.properties();
            // The migration's connection in a zone west of UTC: the day of each turn must still be its UTC day.
            Flyway.configure().dataSource((String) db.get("datasources.default.url"),
                    (String) db.get("datasources.default.username"), (String) db.get("datasources.default.password"))
                    .initSql("SET TIME ZONE 'America/Los_Angeles'").target("12").load().migrate();
            Instant midnight = LocalDate.of(2026, 3, 2).atStartOfDay(ZoneOffset.UTC).toInstant();
            try (Connection connection = connect(db)) {
                insertRun(connection, "R1", "old-agent", "U1", null);
                insertRun(connection, "R2", "old-helper", "U1", "R1");
                insertStep(connection, "R1", 1, midnight.minusMillis(100), "0.250000");
                insertStep(connection, "R1", 2, midnight.plusMillis(100), "0.500000");
                insertStep(connection, "R2", 1, midnight.plusSeconds(3600), "0.125000");
                insertStep(connection, "R2", 2, midnight.plusSeconds(3700), null);
                insertStep(connection, "R2", 3, midnight.plusSeconds(3800), "0");
            }
            Flyway.configure().dataSource((String) db.get("datasources.default.url"),
                    (String) db.get("datasources.default.username"), (String) db.get("datasources.default.password"))
                    .initSql("SET TIME ZONE 'America/Los_Angeles'").load().migrate();

            try (Connection connection = connect(db); PreparedStatement select = connection.prepareStatement(
                    "SELECT utc_day, scope, subject, cost_usd FROM spend_days ORDER BY utc_day, scope, subject")) {
                List<String> rows = new ArrayList<>();
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows.add(result.getObject(1, LocalDate.class) + " " + result.getString(2) + " "
                                + result.getString(3) + " " + result.getBigDecimal(4).stripTrailingZeros()
                                .toPlainString());
                    }
                }
                assertThat(rows).containsExactly(
                        "2026-03-01 agent old-agent 0.25",
                        "2026-03-01 requester U1 0.25",
                        "2026-03-02 agent old-agent 0.5",
                        "2026-03-02 agent old-helper 0.125",
                        "2026-03-02 requester U1 0.625");
            }
        }
    }

    private Optional<CapHit> capAt(Run run, Instant now) {
        Spend spend = new Spend(app.context.getBean(SpendSettings.class), app.context.getBean(StepRepository.class),
                days, Clock.fixed(now, ZoneOffset.UTC));
        return spend.capReached(store.find(run.id()).orElseThrow());
    }

    private Run newRun(String agent, String userId, Run parent) {
        Run run = store.create("test:" + UUID.randomUUID(), new NewRun(agent, "a task", "T1", "C1", userId, "system",
                50, null, null, parent == null ? null : parent.id(), parent == null ? null : "call-1")).orElseThrow();
        store.finish(run.id(), RunStatus.CANCELLED, null, "committed by the test, not by a worker");
        return store.find(run.id()).orElseThrow();
    }

    private void turn(Run run, int stepNo, String costUsd) {
        Step step = store.beginStep(run.id(), stepNo, StepKind.MODEL_TURN, null, null);
        store.commitModelTurn(store.find(run.id()).orElseThrow(), step,
                new StepOutput(TranscriptRole.ASSISTANT, "turn " + stepNo, null, null, null), usage(costUsd));
    }

    private void summary(Run run, int stepNo, String costUsd) {
        Step step = store.beginStep(run.id(), stepNo, StepKind.MODEL_TURN, null, null);
        store.commitSummary(step, "the story so far", 2, usage(costUsd));
    }

    private static TurnUsage usage(String costUsd) {
        BigDecimal cost = new BigDecimal(costUsd);
        return new TurnUsage(42, 7, cost.signum() == 0 ? "unpriced-model" : "priced-model", cost, cost.signum() != 0);
    }

    private DaySpend oldSum(String agent, String userId) throws Exception {
        Instant since = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        try (Connection connection = connect(database.properties());
                PreparedStatement query = connection.prepareStatement(DaySpendQueryBench.OLD_GATE_QUERY)) {
            query.setString(1, agent);
            query.setString(2, userId);
            query.setString(3, agent);
            query.setString(4, userId);
            query.setObject(5, since.atOffset(ZoneOffset.UTC));
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return new DaySpend(result.getBigDecimal(1), result.getBigDecimal(2));
            }
        }
    }

    private static Connection connect(Map<String, Object> db) throws Exception {
        return DriverManager.getConnection((String) db.get("datasources.default.url"),
                (String) db.get("datasources.default.username"), (String) db.get("datasources.default.password"));
    }

    private static void insertRun(Connection connection, String id, String agent, String userId, String parent)
            throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO runs (id, agent, task, status, "
                + "channel_id, requester_user_id, step_count, max_steps, created_at, updated_at, parent_run_id) "
                + "VALUES (?, ?, 'a task', 'SUCCEEDED', 'C1', ?, 0, 50, ?, ?, ?)")) {
            Timestamp at = Timestamp.from(Instant.parse("2026-03-01T00:00:00Z"));
            insert.setString(1, id);
            insert.setString(2, agent);
            insert.setString(3, userId);
            insert.setTimestamp(4, at);
            insert.setTimestamp(5, at);
            insert.setString(6, parent);
            insert.executeUpdate();
        }
    }

    private static void insertStep(Connection connection, String runId, int stepNo, Instant finishedAt,
            String costUsd) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO run_steps (id, run_id, step_no, "
                + "attempt, kind, status, started_at, finished_at, model, cost_usd, priced) "
                + "VALUES (?, ?, ?, 1, 'MODEL_TURN', 'SUCCEEDED', ?, ?, 'm', ?, TRUE)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, runId);
            insert.setInt(3, stepNo);
            insert.setObject(4, finishedAt.atOffset(ZoneOffset.UTC));
            insert.setObject(5, finishedAt.atOffset(ZoneOffset.UTC));
            insert.setBigDecimal(6, costUsd == null ? null : new BigDecimal(costUsd));
            insert.executeUpdate();
        }
    }
}
