package dev.alfred.bot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.bot.bench.BenchApp.Database;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.support.AlfredProcess;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * Benchmark 6: crash → resume. Alfred runs as an operator runs it ({@code ./alfred serve}: the packaged jar in its
 * own JVM with {@link AlfredProcess#launcherOptions()}, default settings) on an H2 file database (the embedded one,
 * under {@code ALFRED_HOME}) or PostgreSQL. A task is started and its first model call held by the fake model; the
 * process is then stopped with SIGKILL ({@code kill -9}: no shutdown hook runs, its leases stay in the database) or
 * SIGTERM (a graceful stop, which gives its leases back), and a new process is started on the same database at once.
 * The figure is from spawning the new {@code java} process to the interrupted run's next model request reaching the
 * fake model: boot, recognising the dead process's lease and taking the run's next step. Target: 5 s.
 */
final class ResumeBench {
    /** The target for crash → resume, boot included. */
    static final Duration TARGET = Duration.ofSeconds(5);
    /**
     * How long after the held model call arrives the process is stopped: the run is well inside its step by then.
     * (H2 files are opened with {@code WRITE_DELAY=0}, so the run's lease is on disk at its commit; with H2's default
     * of 500 ms a {@code kill -9} within that half second lost it, see {@code AckDurabilityIT}.)
     */
    static final Duration SETTLE = Duration.ofMillis(1500);
    private static final String SECRET = "bench-resume-secret";
    private static final Duration WAIT = Duration.ofSeconds(120);

    /**
     * What one database measured.
     *
     * @param killed   from spawning the new process to the next step of the run interrupted by SIGKILL
     * @param killedBoot from spawning the new process to its first 200 from {@code GET /health}
     * @param stopped  the same after a SIGTERM, the old process having exited
     * @param stoppedBoot from spawning the process after the SIGTERM to its first 200 from {@code GET /health}
     * @param stopTook from SIGTERM to the old process's exit
     */
    record Result(Duration killed, Duration killedBoot, Duration stopped, Duration stoppedBoot, Duration stopTook) {
    }

    private ResumeBench() {
    }

    static Result run(Database database) throws Exception {
        Path home = Files.createTempDirectory("alfred-bench-resume");
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        Map<String, Long> resumedAt = new ConcurrentHashMap<>();
        CountDownLatch release = new CountDownLatch(1);
        try (LocalSlack slack = LocalSlack.start(); FakeOpenAi model = FakeOpenAi.start();
                TestDatabase db = database == Database.POSTGRES ? TestDatabase.postgres() : null) {
            model.respondWith(request -> {
                String task = TenStepScript.task(request);
                if (calls.computeIfAbsent(task, t -> new AtomicInteger()).incrementAndGet() == 1) {
                    awaitQuietly(release); // held until its process is gone: the answer never reaches it
                } else {
                    resumedAt.putIfAbsent(task, System.nanoTime());
                }
                return new FakeOpenAi.Text("resumed " + task);
            });
            Map<String, String> env = env(home, slack, model, db);
            AlfredProcess first = AlfredProcess.serve("resume-first", env, AlfredProcess.launcherOptions());
            startAndAwaitFirstCall(first, "kill-9", calls);
            first.kill();
            AlfredProcess second = AlfredProcess.serve("resume-after-kill", env, AlfredProcess.launcherOptions());
            Duration killed = awaitResumed(second, "kill-9", resumedAt);
            Duration killedBoot = second.startup();
            try {
                startAndAwaitFirstCall(second, "sigterm", calls);
                long stopping = System.nanoTime();
                second.close();
                Duration stopTook = Duration.ofNanos(System.nanoTime() - stopping);
                try (AlfredProcess third = AlfredProcess.serve("resume-after-term", env,
                        AlfredProcess.launcherOptions())) {
                    Duration stopped = awaitResumed(third, "sigterm", resumedAt);
                    return new Result(killed, killedBoot, stopped, third.startup(), stopTook);
                }
            } finally {
                second.close();
                release.countDown();
            }
        }
    }

    private static void startAndAwaitFirstCall(AlfredProcess alfred, String task, Map<String, AtomicInteger> calls)
            throws Exception {
        HttpResponse<String> ack = alfred.user(SECRET, "U1").command("C1", "task " + task);
        if (ack.statusCode() != 200) {
            throw new IllegalStateException("task " + task + " not acknowledged: " + ack.statusCode() + " "
                    + ack.body());
        }
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(10))
                .until(() -> calls.containsKey(task) && calls.get(task).get() >= 1);
        Awaitility.await().pollDelay(SETTLE).atMost(SETTLE.plusSeconds(1)).until(() -> true);
    }

    private static Duration awaitResumed(AlfredProcess alfred, String task, Map<String, Long> resumedAt) {
        try {
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> resumedAt.containsKey(task));
        } catch (RuntimeException e) {
            throw new IllegalStateException("the run of '" + task + "' did not resume on " + alfred.name + ":\n"
                    + alfred.logText(), e);
        }
        return Duration.ofNanos(resumedAt.get(task) - alfred.spawnedAt());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> env(Path home, LocalSlack slack, FakeOpenAi model, TestDatabase db) {
        Map<String, String> env = AlfredProcess.serveEnv(home, SECRET, slack, model, db);
        env.put("HOME", home.toString());
        return env;
    }
}
