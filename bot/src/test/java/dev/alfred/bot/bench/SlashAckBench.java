package dev.alfred.bot.bench;

import dev.alfred.bot.bench.BenchApp.Database;
import dev.alfred.bot.bench.SlashLoad.Command;
import dev.alfred.bot.bench.SlashLoad.Outcome;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 1: slash-command acknowledgement latency at {@value #CONNECTIONS} concurrent connections, for
 * {@code /alfred task} (records the run, posts the thread's root message, enqueues it) and {@code /alfred status}
 * (reads the fleet), beside the floor: {@link FloorController}, which only verifies the signature. After a warm-up of
 * each, and once the warm-up's runs have finished, the floor, status and task are measured in turn; the task runs
 * then work in the background (the model answers at once) while the rest of the commands are acknowledged. Last,
 * {@code @Alfred} mentions (records the run in the mention's thread and enqueues it, with no Slack call).
 */
final class SlashAckBench {
    static final int CONNECTIONS = 20;

    /** What one database measured. */
    record Result(Stats floor, Stats task, Stats status, Stats mention, long failures, int requests,
            String version) {
    }

    private SlashAckBench() {
    }

    static Result run(Database database, int warmUp, int requests) throws Exception {
        try (BenchApp bench = BenchApp.start(database, Map.of());
                SlashLoad load = new SlashLoad(bench.port(), AlfredTestApp.SIGNING_SECRET, CONNECTIONS)) {
            bench.app.model.respondWith(request -> new FakeOpenAi.Text("done"));
            load.run("/bench/floor", 5 * warmUp, n -> new Command("C1", "status"));
            load.run("/slack/events", 3 * warmUp, n -> new Command("C1", "status"));
            long failures = taskFailures(load.run("/slack/events", warmUp,
                    n -> new Command("C1", "task warm-up " + n)));
            bench.awaitQuiet(Duration.ofMinutes(3));

            List<Outcome> floor = load.run("/bench/floor", requests, n -> new Command("C1", "status"));
            List<Outcome> status = load.run("/slack/events", requests, n -> new Command("C1", "status"));
            List<Outcome> task = load.run("/slack/events", requests, n -> new Command("C1", "task ack " + n));
            failures += SlashLoad.failures(floor) + SlashLoad.failures(status) + taskFailures(task);
            bench.awaitQuiet(Duration.ofMinutes(3));
            load.runMentions("/slack/events", warmUp, n -> new Command("C1", "mention warm-up " + n));
            bench.awaitQuiet(Duration.ofMinutes(3));
            List<Outcome> mention = load.runMentions("/slack/events", requests,
                    n -> new Command("C1", "mention ack " + n));
            failures += SlashLoad.failures(mention);
            bench.awaitQuiet(Duration.ofMinutes(3));
            return new Result(SlashLoad.latencies(floor), SlashLoad.latencies(task), SlashLoad.latencies(status),
                    SlashLoad.latencies(mention), failures, requests, bench.databaseVersion());
        }
    }

    /**
     * Warms the JVM up before anything is measured: the whole slash-command path (floor, status, tasks and their
     * runs) on a throwaway H2 database for about half a minute. Without it the first database measured shares the
     * CPU with the JIT compilers, which a thread sampler showed busy (C1 and C2 at 20–80% of a core) well into the
     * first benchmark.
     */
    static Result warmUpJvm(Plan plan) throws Exception {
        return plan.quick() ? run(Database.H2, 20, 50) : run(Database.H2, 300, 500);
    }

    /** @return task commands not answered 200 with "On it" (refused, or not recorded) */
    private static long taskFailures(List<Outcome> outcomes) {
        return outcomes.stream().filter(outcome -> outcome.status() != 200 || !outcome.body().contains("On it"))
                .count();
    }
}
