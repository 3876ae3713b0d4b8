package dev.alfred.bot.bench;

import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.Step;
import dev.alfred.agents.run.StepKind;
import dev.alfred.agents.run.StepStatus;
import dev.alfred.bot.bench.BenchApp.Database;
import dev.alfred.bot.demo.SlackUser;
import dev.alfred.bot.support.FakeOpenAi;
import java.lang.management.CompilationMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Benchmark 2: what Alfred adds to each step of a run, beyond the model. {@code runs} runs of {@link TenStepScript}
 * (10 steps each), {@code inFlight} at a time, each started by a slash command and awaited until it succeeded. From
 * the committed steps ({@code run_steps.started_at}/{@code finished_at}, microseconds): a step's cycle is the time
 * from the previous step's commit to its own (for the first step, from its start), so everything the loop does
 * between two checkpoints counts; the model's time, the time the request spent inside the fake model's handler, is
 * subtracted. The floor: as many bare JDBC transactions (connection from the same pool, one insert, commit) as
 * there were steps.
 *
 * <p>Steady state, not warm-up: with the JVM's default C2, the compiler threads (at nice 0, beside the runs' threads
 * at nice 10) took more than one of the 2 cores for the first minute of runs when only 10 warm-up runs came first
 * (per-thread CPU from {@code /proc/<pid>/task}, issue 22's third round); the benchmark JVM now runs with
 * {@code alfred.jvmoptions} (C1 only, as Alfred ships), whose compilations end sooner. So warm-up runs go on, in
 * batches of {@value #WARM_UP_BATCH}, until a batch spends under {@value #QUIET_PERCENT}% of its wall time compiling
 * ({@link CompilationMXBean}), at most {@value #WARM_UP_MAX} runs; the compilation time during the measured runs is
 * printed. The harness polls each run's status every {@value #POLL_MILLIS} ms (the figures come from the committed
 * steps' timestamps, not from the poll, so a slower poll only spaces the runs).
 */
final class StepOverheadBench {
    static final int WARM_UP_BATCH = 10;
    static final int WARM_UP_MAX = 300;
    static final int QUIET_PERCENT = 5;
    static final int POLL_MILLIS = 20;

    /** What one database measured; millisecond stats. */
    record Result(int runs, int steps, int inFlight, Stats overhead, Stats modelStepOverhead,
            Stats toolStepOverhead, Stats withinStep, Stats modelTime, Stats runWall, Stats floorCommit,
            int unmatched, double transactionsPerStep) {
    }

    private StepOverheadBench() {
    }

    static Result run(Database database, int runs, int inFlight) throws Exception {
        try (BenchApp bench = BenchApp.start(database, Map.of())) {
            bench.app.model.respondWith(TenStepScript::reply);
            int warmUp = warmUp(bench, inFlight);
            bench.awaitQuiet(Duration.ofMinutes(2));
            bench.app.model.reset();
            bench.app.model.respondWith(TenStepScript::reply);
            long commitsBefore = commits(bench);
            long pollsBefore = bench.statusPolls.get();
            GcPauses gc = new GcPauses();
            Usage before = Usage.now();
            long compilingBefore = compilingMillis();
            List<String> runIds;
            try (gc) {
                runIds = drive(bench, runs, inFlight, "steps");
            }
            Usage used = Usage.now().minus(before);
            int stepsRun = runIds.size() * TenStepScript.STEPS;
            System.out.printf("steps bench (%s): after %d warm-up runs, per step, %.2f ms of CPU in Alfred's threads "
                    + "(%.2f ms in the whole process, %.2f ms in the JIT compilers) and %.0f KiB allocated (all "
                    + "threads: Alfred, the fakes, the harness); %d GC pauses, %d ms in all%n", database, warmUp,
                    used.alfredNanos() / 1e6 / stepsRun, used.cpuNanos() / 1e6 / stepsRun,
                    (compilingMillis() - compilingBefore) / (double) stepsRun,
                    used.allocatedBytes() / 1024.0 / stepsRun, gc.count(), gc.totalMillis());
            long polls = bench.statusPolls.get() - pollsBefore;
            bench.awaitQuiet(Duration.ofMinutes(2));
            double perStep = (commits(bench) - commitsBefore - polls) / (double) (runIds.size() * TenStepScript.STEPS);
            Result measured = measure(bench, runIds, inFlight, gc, database);
            Stats floor = floor(bench.dataSource(), measured.steps());
            return new Result(measured.runs(), measured.steps(), inFlight, measured.overhead(),
                    measured.modelStepOverhead(), measured.toolStepOverhead(), measured.withinStep(),
                    measured.modelTime(), measured.runWall(), floor, measured.unmatched(),
                    database == Database.POSTGRES ? perStep : Double.NaN);
        }
    }

    /**
     * Runs warm-up batches until the JIT compilers are quiet (see the class comment).
     *
     * @return the warm-up runs started
     */
    private static int warmUp(BenchApp bench, int inFlight) throws Exception {
        int started = 0;
        while (started < WARM_UP_MAX) {
            long compiling = compilingMillis();
            long from = System.nanoTime();
            drive(bench, WARM_UP_BATCH, inFlight, "warm-up-" + started);
            started += WARM_UP_BATCH;
            long wallMillis = (System.nanoTime() - from) / 1_000_000;
            if ((compilingMillis() - compiling) * 100 < QUIET_PERCENT * Math.max(1, wallMillis)) {
                break;
            }
        }
        return started;
    }

    /** @return milliseconds this JVM's JIT compilers have spent compiling ({@link CompilationMXBean}) */
    private static long compilingMillis() {
        CompilationMXBean compiler = java.lang.management.ManagementFactory.getCompilationMXBean();
        return compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime()
                : 0;
    }

    /** Starts {@code runs} runs, {@code inFlight} at a time, each awaited until it succeeded. */
    private static List<String> drive(BenchApp bench, int runs, int inFlight, String label) throws Exception {
        ExecutorService users = Executors.newFixedThreadPool(inFlight);
        AtomicInteger next = new AtomicInteger();
        List<String> runIds = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < inFlight; i++) {
                SlackUser user = bench.app.user("U1");
                workers.add(users.submit(() -> {
                    for (int n = next.getAndIncrement(); n < runs; n = next.getAndIncrement()) {
                        String runId = BenchApp.runId(user.command("C1", "task " + label + "-" + n).body());
                        bench.awaitStatus(runId, RunStatus.SUCCEEDED, Duration.ofSeconds(60),
                                Duration.ofMillis(POLL_MILLIS));
                        runIds.add(runId);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            users.shutdownNow();
        }
        return runIds;
    }

    /**
     * Measures the committed steps; prints (standard output) how many of them a garbage-collection pause fell into
     * ({@code gc}) and the overhead's p99 with and without those, to tell the collector's share of the tail.
     */
    private static Result measure(BenchApp bench, List<String> runIds, int inFlight, GcPauses gc, Database database) {
        Map<String, List<FakeOpenAi.Served>> served = bench.app.model.served().stream()
                .sorted(Comparator.comparingLong(FakeOpenAi.Served::receivedAt))
                .collect(Collectors.groupingBy(call -> TenStepScript.task(call.request())));
        RunStore store = bench.app.context.getBean(RunStore.class);
        List<Long> all = new ArrayList<>();
        List<Long> modelSteps = new ArrayList<>();
        List<Long> toolSteps = new ArrayList<>();
        List<Long> within = new ArrayList<>();
        List<Long> model = new ArrayList<>();
        List<Long> wall = new ArrayList<>();
        List<Long> withoutGc = new ArrayList<>();
        List<Long> duringGc = new ArrayList<>();
        int unmatched = 0;
        for (String runId : runIds) {
            List<Step> steps = store.steps(runId).stream().filter(step -> step.status() == StepStatus.SUCCEEDED)
                    .sorted(Comparator.comparingInt(Step::stepNo)).toList();
            List<FakeOpenAi.Served> calls = served.getOrDefault(bench.app.run(runId).task(), List.of());
            long modelTurns = steps.stream().filter(step -> step.kind() == StepKind.MODEL_TURN).count();
            if (steps.size() != TenStepScript.STEPS || calls.size() != modelTurns) {
                unmatched++;
                continue;
            }
            int call = 0;
            long modelTotal = 0;
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                long modelNanos = step.kind() == StepKind.MODEL_TURN ? calls.get(call++).nanos() : 0;
                long from = micros(i == 0 ? step.startedAt() : steps.get(i - 1).finishedAt());
                long cycle = (micros(step.finishedAt()) - from) * 1_000 - modelNanos;
                all.add(cycle);
                (gc.overlaps(from / 1_000, micros(step.finishedAt()) / 1_000 + 1) ? duringGc : withoutGc).add(cycle);
                (modelNanos > 0 ? modelSteps : toolSteps).add(cycle);
                within.add((micros(step.finishedAt()) - micros(step.startedAt())) * 1_000 - modelNanos);
                if (modelNanos > 0) {
                    model.add(modelNanos);
                }
                modelTotal += modelNanos;
            }
            wall.add((micros(steps.get(steps.size() - 1).finishedAt()) - micros(steps.get(0).startedAt())) * 1_000
                    - modelTotal);
        }
        System.out.printf("steps bench (%s): %d GC pauses while the runs ran; %d of %d steps had one in their cycle "
                + "(those: %s); overhead p99 %.2f ms, %.2f ms without them%n", database, gc.count(), duringGc.size(),
                all.size(), duringGc.isEmpty() ? "none" : Stats.ofNanos(duringGc), Stats.ofNanos(all)
                        .p(0.99), withoutGc.isEmpty() ? Double.NaN : Stats.ofNanos(withoutGc).p(0.99));
        return new Result(runIds.size() - unmatched, all.size(), inFlight, Stats.ofNanos(all),
                Stats.ofNanos(modelSteps), Stats.ofNanos(toolSteps), Stats.ofNanos(within), Stats.ofNanos(model),
                Stats.ofNanos(wall), null, unmatched, Double.NaN);
    }

    /**
     * @return PostgreSQL's count of committed transactions in the benchmark's database ({@code pg_stat_database}),
     *     read once idle connections have reported theirs (PostgreSQL 15 flushes an idle backend's counts after 10 s);
     *     0 on H2
     */
    private static long commits(BenchApp bench) throws Exception {
        if (bench.database != Database.POSTGRES) {
            return 0;
        }
        org.awaitility.Awaitility.await().pollDelay(Duration.ofSeconds(11)).atMost(Duration.ofSeconds(20))
                .until(() -> true);
        return bench.count("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
    }

    /**
     * What the process used so far: CPU time ({@code OperatingSystemMXBean.getProcessCpuTime}, nanoseconds), the part
     * of it Alfred's own threads used ({@code ThreadMXBean.getThreadCpuTime} of the live threads named
     * {@code alfred-*} (the loop, outbox, heartbeats, after-ack lanes), {@code backgroundjob-*} (JobRunr),
     * {@code blocking-executor-*} and {@code default-eventLoopGroup-*} (Micronaut's HTTP server), {@code HikariPool-*}:
     * all long-lived pools), and bytes allocated by all threads ({@code ThreadMXBean.getTotalThreadAllocatedBytes},
     * JDK 14+). Measures that a machine shared with other work moves much less than it moves latencies; the rest of
     * the process's CPU is the fakes' and the harness's (its status polls every 5 ms).
     */
    private record Usage(long cpuNanos, java.util.Map<Long, Long> alfredThreadNanos, long allocatedBytes) {
        private static final List<String> ALFRED_THREADS = List.of("alfred-", "backgroundjob-", "blocking-executor-",
                "default-eventLoopGroup-", "HikariPool-");

        static Usage now() {
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
                    java.lang.management.ManagementFactory.getThreadMXBean();
            java.util.Map<Long, Long> alfred = new java.util.HashMap<>();
            for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && ALFRED_THREADS.stream().anyMatch(info.getThreadName()::startsWith)) {
                    alfred.put(info.getThreadId(), Math.max(0, threads.getThreadCpuTime(info.getThreadId())));
                }
            }
            return new Usage(os.getProcessCpuTime(), alfred, threads.getTotalThreadAllocatedBytes());
        }

        /** @return what was used since {@code earlier}; Alfred's CPU over the threads alive at both moments */
        Usage minus(Usage earlier) {
            java.util.Map<Long, Long> alfred = new java.util.HashMap<>();
            alfredThreadNanos.forEach((id, nanos) -> alfred.put(id, nanos - earlier.alfredThreadNanos.getOrDefault(id,
                    0L)));
            return new Usage(cpuNanos - earlier.cpuNanos, alfred, allocatedBytes - earlier.allocatedBytes);
        }

        long alfredNanos() {
            return alfredThreadNanos.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static long micros(java.time.Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    /** @return the latency of {@code commits} bare transactions: a pooled connection, one insert, commit */
    static Stats floor(DataSource dataSource, int commits) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE bench_floor (id BIGINT PRIMARY KEY, note VARCHAR(64))");
        }
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < commits + 100; i++) {
            long started = System.nanoTime();
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO bench_floor (id, note) VALUES (?, ?)")) {
                    insert.setLong(1, i);
                    insert.setString(2, "commit " + i);
                    insert.executeUpdate();
                }
                connection.commit();
            }
            if (i >= 100) {
                nanos.add(System.nanoTime() - started);
            }
        }
        return Stats.ofNanos(nanos);
    }
}
