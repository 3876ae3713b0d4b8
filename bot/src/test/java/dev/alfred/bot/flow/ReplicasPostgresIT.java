package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.support.AlfredProcess;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Alfred replicas, each the packaged jar as {@code serve} in its own JVM, on one PostgreSQL database, sharing a
 * fake Slack and a fake model. Runs are started on one replica, which is then killed with SIGKILL at one of three
 * points: during a model call, after a side effect but before its commit, and during a checkpoint (its commit
 * blocked on a table lock). The other replica must finish every run, execute every side effect at most once (an
 * interrupted one is reported in doubt, not repeated), and post no message twice except at most one status update.
 * A replica frozen with SIGSTOP loses its runs to the other within seconds, and when it thaws it cannot commit the
 * step it was in (the lease fences every commit), so no run is ever advanced by two live replicas. A replica stopped
 * with SIGTERM gives its runs back, and its cut-short model call fails nothing: the other replica finishes them.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class ReplicasPostgresIT {
    private static final String SECRET = "replicas-secret";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String POLICY = """
            rules:
              - id: side-effects
                match: {tool: slack_post_message, args: {channel: {eq: C3}}}
                decision: allow
              - {id: reads, match: {tier: read}, decision: allow}
            """;

    private final Map<String, Function<JsonNode, FakeOpenAi.Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> modelCalls = new ConcurrentHashMap<>();
    private final Map<String, AlfredProcess> replicas = new ConcurrentHashMap<>();
    private final List<String> allRuns = new ArrayList<>();
    private TestDatabase database;
    private LocalSlack slack;
    private FakeOpenAi model;
    private Path policies;

    @BeforeAll
    void startTwoReplicas() throws Exception {
        database = TestDatabase.postgres();
        slack = LocalSlack.start();
        model = FakeOpenAi.start();
        model.respondWith(request -> {
            String task = request.path("messages").get(1).path("content").asText();
            modelCalls.computeIfAbsent(task, t -> new AtomicInteger()).incrementAndGet();
            return scripts.getOrDefault(task, r -> new FakeOpenAi.Text("no script for " + task)).apply(request);
        });
        policies = Files.createTempDirectory("alfred-policies");
        Files.writeString(policies.resolve("policy.yml"), POLICY);
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> start("replica-a"));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> start("replica-b"));
        CompletableFuture.allOf(a, b).join();
    }

    @AfterAll
    void stopEverything() {
        replicas.values().forEach(AlfredProcess::close);
        if (slack != null) {
            slack.close();
        }
        if (model != null) {
            model.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private void start(String name) {
        Map<String, Object> db = database.properties();
        Map<String, String> env = new HashMap<>();
        env.put("ALFRED_DB_URL", (String) db.get("datasources.default.url"));
        env.put("ALFRED_DB_USER", (String) db.get("datasources.default.username"));
        env.put("ALFRED_DB_PASSWORD", (String) db.get("datasources.default.password"));
        env.put("SLACK_BOT_TOKEN", "xoxb-replicas");
        env.put("SLACK_SIGNING_SECRET", SECRET);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("OPENAI_BASE_URL", model.baseUrl());
        env.put("OPENAI_API_KEY", "sk-test");
        env.put("ALFRED_MODEL", "fake-model");
        env.put("ALFRED_POLICIES_DIR", policies.toString());
        env.put("ALFRED_RUNS_WORKER_ID", name);
        // Leases far longer than any wait here: a dead replica's runs must be freed by its silence (no heartbeat for
        // worker-alive), not by their leases lapsing.
        env.put("ALFRED_RUNS_LEASE_DURATION", "120s");
        env.put("ALFRED_RUNS_WORKER_ALIVE", "2s");
        env.put("ALFRED_RUNS_STALE_AFTER", "1s");
        env.put("ALFRED_RUNS_SWEEP_INTERVAL", "5s");
        env.put("ALFRED_OUTBOX_CLAIM_TIMEOUT", "5s");
        env.put("ALFRED_MODEL_MAX_RETRIES", "0");
        env.put("ALFRED_JOBS_WORKERS", "2");
        try {
            replicas.put(name, AlfredProcess.serve(name, env));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void killedDuringAModelCallTheOtherReplicaCallsTheModelAgainAndFinishes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> tasks = List.of("model-call-1", "model-call-2");
        List<String> runIds = startWithFirstModelCallHeld("replica-a", tasks, release);

        String killed = killOwnerOf(runIds.get(0));
        release.countDown();

        for (int i = 0; i < runIds.size(); i++) {
            String runId = runIds.get(i);
            String answer = "answer for " + tasks.get(i);
            assertThat(awaitEnd(runId)).isEqualTo("SUCCEEDED");
            await().atMost(WAIT).until(() -> threadTexts(runId).stream().anyMatch(text -> text.contains(answer)));
        }
        assertThat(calls(tasks.get(0))).as("the killed replica's model call is made again").isEqualTo(2);
        restart(killed);
    }

    @Test
    void killedAfterASideEffectBeforeItsCommitTheEffectIsInDoubtAndNotRepeated() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> tasks = List.of("side-effect-1", "side-effect-2");
        for (String task : tasks) {
            scripts.put(task, request -> last(request).path("role").asText().equals("tool")
                    ? new FakeOpenAi.Text("finished " + task + " after: " + last(request).path("content").asText())
                    : new FakeOpenAi.ToolCall("slack_post_message",
                            "{\"channel\":\"C3\",\"text\":\"effect of " + task + "\"}"));
        }
        slack.holdAnswers(call -> call.method().equals("chat.postMessage") && "C3".equals(call.arg("channel")),
                release);
        List<String> runIds = startOn("replica-a", tasks);
        await().atMost(WAIT).until(() -> tasks.stream().allMatch(task -> effects(task) == 1));

        String killed = killOwnerOf(runIds.get(0));
        release.countDown();

        for (String runId : runIds) {
            assertThat(awaitEnd(runId)).isEqualTo("SUCCEEDED");
        }
        for (String task : tasks) {
            assertThat(effects(task)).as("side effect of %s executed once", task).isEqualTo(1);
        }
        List<String> doubtful = runIds.stream().filter(runId -> auditKinds(runId).contains("action.in_doubt"))
                .toList();
        assertThat(doubtful).as("the run(s) the killed replica was executing").isNotEmpty();
        for (String runId : doubtful) {
            await().atMost(WAIT).until(() -> threadTexts(runId).stream()
                    .anyMatch(text -> text.contains("may or may not have happened")));
            assertThat(finalAnswer(runId)).contains("interrupted", "was not repeated");
        }
        restart(killed);
    }

    @Test
    void killedDuringACheckpointTheStepIsRolledBackAndTakenAgain() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> tasks = List.of("checkpoint-1", "checkpoint-2");
        List<String> runIds = startWithFirstModelCallHeld("replica-b", tasks, release);
        String killed;
        try (Connection lock = connect()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE transcript_entries IN EXCLUSIVE MODE");
            }
            release.countDown();
            await().atMost(WAIT).until(() -> waitingLocks() >= 1);
            killed = killOwnerOf(runIds.get(0));
            lock.rollback();
        }

        for (String runId : runIds) {
            assertThat(awaitEnd(runId)).isEqualTo("SUCCEEDED");
        }
        assertThat(calls(tasks.get(0))).as("the step whose checkpoint died is taken again").isEqualTo(2);
        restart(killed);
    }

    @Test
    void aFrozenReplicaLosesItsRunsAndCannotCommitWhenItThaws() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> tasks = List.of("frozen-1");
        List<String> runIds = startWithFirstModelCallHeld("replica-a", tasks, release);
        String owner = await().atMost(WAIT).until(() -> column(runIds.get(0), "lease_owner"), value -> value != null);
        String name = owner.startsWith("replica-a") ? "replica-a" : "replica-b";
        long pid = replicas.get(name).pid();
        signal("STOP", pid);
        long frozenAt = System.nanoTime();
        try {
            assertThat(awaitEnd(runIds.get(0))).isEqualTo("SUCCEEDED");
            long seconds = Duration.ofNanos(System.nanoTime() - frozenAt).toSeconds();
            assertThat(seconds).as("taken over by the live replica long before the 120 s lease lapsed")
                    .isLessThan(30);
        } finally {
            signal("CONT", pid);
        }
        release.countDown();
        AlfredProcess thawed = replicas.get(name);
        await().atMost(WAIT).until(() -> thawed.logText().contains("was taken by another worker"));
        assertThat(calls(tasks.get(0))).as("the frozen replica's call, then the live replica's").isEqualTo(2);
        assertThat(assistantTurns(runIds.get(0))).as("the thawed replica committed nothing").isEqualTo(1);
        assertThat(column(runIds.get(0), "status")).isEqualTo("SUCCEEDED");
    }

    @Test
    void aStoppedReplicaGivesItsRunsBackAndTheOtherFinishesThem() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> tasks = List.of("sigterm-1");
        List<String> runIds = startWithFirstModelCallHeld("replica-b", tasks, release);
        String owner = await().atMost(WAIT).until(() -> column(runIds.get(0), "lease_owner"), value -> value != null);
        String name = owner.startsWith("replica-a") ? "replica-a" : "replica-b";
        AlfredProcess stopped = replicas.remove(name);
        stopped.close(); // SIGTERM: a graceful stop, its model call cut short
        release.countDown();

        assertThat(stopped.isAlive()).isFalse();
        assertThat(awaitEnd(runIds.get(0))).as("not failed by the interrupted call").isEqualTo("SUCCEEDED");
        assertThat(stopped.logText()).contains("gave back the leases of 1 run(s)")
                .contains("interrupted by this process's stop");
        assertThat(calls(tasks.get(0))).as("the stopped replica's call, then the other's").isEqualTo(2);
        await().atMost(WAIT).until(() -> threadTexts(runIds.get(0)).stream()
                .anyMatch(text -> text.contains("answer for " + tasks.get(0))));
        restart(name);
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private int assistantTurns(String runId) throws SQLException {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*) FROM transcript_entries WHERE run_id = ? AND role = 'ASSISTANT'")) {
            query.setString(1, runId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** Across every test: each thread has each message once, except at most one repeated status update. */
    @org.junit.jupiter.api.AfterEach
    void noThreadGotADuplicateMessage() {
        for (String runId : allRuns) {
            String threadTs = threadTs(runId);
            Map<String, Long> counts = slack.threadReplies(threadTs).stream()
                    .collect(Collectors.groupingBy(call -> call.arg("text"), Collectors.counting()));
            List<String> repeated = counts.entrySet().stream().filter(entry -> entry.getValue() > 1)
                    .map(Map.Entry::getKey).toList();
            assertThat(repeated).as("repeated messages in the thread of run %s", runId).hasSizeLessThanOrEqualTo(1)
                    .allSatisfy(text -> assertThat(text).contains("Step "));
        }
    }

    /**
     * Starts the tasks on {@code replica}, each answering with a final text, the first model call of each held until
     * {@code release} opens; returns once every first call has arrived.
     */
    private List<String> startWithFirstModelCallHeld(String replica, List<String> tasks, CountDownLatch release)
            throws Exception {
        for (String task : tasks) {
            AtomicInteger calls = new AtomicInteger();
            scripts.put(task, request -> {
                if (calls.incrementAndGet() == 1) {
                    awaitQuietly(release);
                }
                return new FakeOpenAi.Text("answer for " + task);
            });
        }
        List<String> runIds = startOn(replica, tasks);
        await().atMost(WAIT).until(() -> tasks.stream().allMatch(task -> calls(task) == 1));
        return runIds;
    }

    private List<String> startOn(String replica, List<String> tasks) throws Exception {
        List<String> runIds = new ArrayList<>();
        for (String task : tasks) {
            java.net.http.HttpResponse<String> ack = replicas.get(replica).user(SECRET, "U1")
                    .command("C1", "task " + task);
            assertThat(AlfredTestApp.ackText(ack)).contains("On it");
            runIds.add(TaskFlowIT.runIdFrom(ack.body()));
        }
        allRuns.addAll(runIds);
        return runIds;
    }

    /** Kills (SIGKILL) the replica holding the run's lease; @return its name */
    private String killOwnerOf(String runId) throws Exception {
        String owner = await().atMost(WAIT).until(() -> column(runId, "lease_owner"), value -> value != null);
        String name = owner.startsWith("replica-a") ? "replica-a" : "replica-b";
        replicas.remove(name).kill();
        return name;
    }

    private void restart(String name) {
        start(name);
    }

    private int calls(String task) {
        return modelCalls.getOrDefault(task, new AtomicInteger()).get();
    }

    private long effects(String task) {
        return slack.calls("chat.postMessage").stream().filter(call -> "C3".equals(call.arg("channel")))
                .filter(call -> ("effect of " + task).equals(call.arg("text"))).count();
    }

    private String awaitEnd(String runId) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> column(runId, "status"), status -> List.of("SUCCEEDED", "FAILED", "CANCELLED")
                        .contains(status));
    }

    private String finalAnswer(String runId) throws SQLException {
        return column(runId, "final_answer");
    }

    private String threadTs(String runId) {
        try {
            return column(runId, "thread_ts");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> threadTexts(String runId) {
        return slack.threadReplies(threadTs(runId)).stream().map(call -> call.arg("text")).toList();
    }

    private List<String> auditKinds(String runId) {
        List<String> kinds = new ArrayList<>();
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT kind FROM audit_events WHERE run_id = ? ORDER BY created_at")) {
            query.setString(1, runId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    kinds.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return kinds;
    }

    private String column(String runId, String column) throws SQLException {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT " + column + " FROM runs WHERE id = ?")) {
            query.setString(1, runId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private int waitingLocks() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_locks l JOIN pg_class c "
                        + "ON c.oid = l.relation WHERE NOT l.granted AND c.relname = 'transcript_entries'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private Connection connect() throws SQLException {
        Map<String, Object> db = database.properties();
        return DriverManager.getConnection((String) db.get("datasources.default.url"),
                (String) db.get("datasources.default.username"), (String) db.get("datasources.default.password"));
    }

    private static JsonNode last(JsonNode request) {
        JsonNode messages = request.path("messages");
        return messages.get(messages.size() - 1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
