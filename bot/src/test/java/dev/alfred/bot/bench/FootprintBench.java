package dev.alfred.bot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.bot.bench.BenchApp.Database;
import dev.alfred.bot.bench.SlashLoad.Command;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.support.AlfredProcess;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * Benchmark 5: start-up and resident memory of Alfred as an operator runs it: the packaged jar as {@code serve} in its
 * own JVM, with the options and the AppCDS archive {@code ./alfred serve} runs it with
 * ({@link AlfredProcess#launcherOptions()}, {@link AlfredProcess#launcherEnv()}). Start-up is from spawning
 * {@code java} to the first 200 from {@code GET /health} (polled every 20 ms), on an empty database (migrations
 * included), and again
 * after a restart on the database the benchmark filled; each {@value #STARTS} times (the further empty starts each on a
 * new home, and on PostgreSQL a new database), as one start's time moves by ±15% from one to the next on a 2-core
 * machine. Memory is the process's {@code VmRSS} from
 * {@code /proc/<pid>/status}: idle after start-up, with {@code parked} runs waiting for a reply, and the highest
 * sample (every 100 ms) while {@code active} runs of {@value #ACTIVE_STEPS} steps work; {@code VmHWM} is the peak over
 * the process's life. Each reading is taken {@value #SETTLE_SECONDS} s after the work it follows. The live heap (after
 * a full collection) is read idle, right after the idle RSS, and at the end, with the parked runs still parked.
 */
final class FootprintBench {
    static final int ACTIVE_STEPS = 29;
    static final int SETTLE_SECONDS = 5;
    /** Starts measured each way, empty and restarted; the report gives their median and range. */
    static final int STARTS = 5;
    private static final String SECRET = "bench-signing-secret";
    private static final Pattern DONE = Pattern.compile("done (active-\\d+)");

    /** What one database measured; memory in kB. */
    record Result(List<Duration> startups, List<Duration> restarts, String micronautStartup, long idleKb, long idleHeapKb,
            int parked, long parkedKb, int active, long activeKb, long peakKb, long endHeapKb) {
    }

    private FootprintBench() {
    }

    static Result run(Database database, int parked, int active) throws Exception {
        Path home = Files.createTempDirectory("alfred-bench-home");
        Map<String, Long> done = new ConcurrentHashMap<>();
        AtomicInteger questions = new AtomicInteger();
        try (LocalSlack slack = LocalSlack.start(); FakeOpenAi model = FakeOpenAi.start();
                TestDatabase db = database == Database.POSTGRES ? TestDatabase.postgres() : null) {
            slack.onCall(call -> {
                String text = String.valueOf(call.arg("text"));
                Matcher answer = DONE.matcher(text);
                if (!"chat.postMessage".equals(call.method())) {
                    return;
                }
                if (text.contains("park here?")) {
                    questions.incrementAndGet();
                } else if (answer.find()) {
                    done.putIfAbsent(answer.group(1), System.nanoTime());
                }
            });
            model.respondWith(FootprintBench::reply);
            Map<String, String> env = env(home, slack, model, db);
            Duration startup;
            String micronaut;
            long idle;
            long idleHeap;
            long parkedKb;
            long activeKb;
            try (AlfredProcess alfred = AlfredProcess.serve("bench-" + database.name().toLowerCase(), env,
                    AlfredProcess.launcherOptions());
                    SlashLoad load = new SlashLoad(alfred.port, SECRET, SlashAckBench.CONNECTIONS)) {
                startup = alfred.startup();
                micronaut = micronautStartup(alfred.logText());
                idle = settledRss(alfred.pid());
                idleHeap = ProcessMemory.liveHeapKb(alfred.pid());
                load.run("/slack/events", parked, n -> new Command("C1", "task park-" + n));
                Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                        .until(() -> questions.get() >= parked);
                parkedKb = settledRss(alfred.pid());
                activeKb = ProcessMemory.highestRssWhile(alfred.pid(), () -> {
                    load.run("/slack/events", active, n -> new Command("C2", "task active-" + n));
                    Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                            .until(() -> done.size() >= active);
                });
                long peak = ProcessMemory.status(alfred.pid(), "VmHWM");
                settledRss(alfred.pid());
                long endHeap = ProcessMemory.liveHeapKb(alfred.pid());
                alfred.close();
                List<Duration> restarts = new ArrayList<>();
                for (int i = 0; i < STARTS; i++) {
                    restarts.add(startOnce(env));
                }
                List<Duration> startups = new ArrayList<>(List.of(startup));
                for (int i = 1; i < STARTS; i++) {
                    startups.add(startEmpty(database, slack, model));
                }
                return new Result(startups, restarts, micronaut, idle, idleHeap, parked, parkedKb, active,
                        activeKb, peak, endHeap);
            }
        }
    }

    /** @return how long a process took to answer {@code GET /health} with 200 on a new home and database */
    private static Duration startEmpty(Database database, LocalSlack slack, FakeOpenAi model) throws Exception {
        Path home = Files.createTempDirectory("alfred-bench-empty");
        try (TestDatabase db = database == Database.POSTGRES ? TestDatabase.postgres() : null) {
            return startOnce(env(home, slack, model, db));
        }
    }

    /** @return how long a process with {@code env} took to answer {@code GET /health} with 200; it is then stopped */
    private static Duration startOnce(Map<String, String> env) throws Exception {
        try (AlfredProcess alfred = AlfredProcess.serve("bench-start", env, AlfredProcess.launcherOptions())) {
            return alfred.startup();
        }
    }

    /** Parked tasks ask a question; active ones read the scratchpad {@value #ACTIVE_STEPS}/2 times, then answer. */
    private static FakeOpenAi.Reply reply(JsonNode request) {
        String task = TenStepScript.task(request);
        if (task.startsWith("park")) {
            return new FakeOpenAi.ToolCall("ask_human", "{\"question\":\"park here?\"}");
        }
        int turn = 1;
        for (JsonNode message : request.path("messages")) {
            turn += message.path("role").asText().equals("assistant") ? 1 : 0;
        }
        return turn <= ACTIVE_STEPS / 2 ? new FakeOpenAi.ToolCall("scratchpad_read", "{\"key\":\"k" + turn + "\"}")
                : new FakeOpenAi.Text("done " + task);
    }

    private static Map<String, String> env(Path home, LocalSlack slack, FakeOpenAi model, TestDatabase db) {
        return AlfredProcess.serveEnv(home, SECRET, slack, model, db);
    }

    private static long settledRss(long pid) {
        Awaitility.await().pollDelay(Duration.ofSeconds(SETTLE_SECONDS)).atMost(Duration.ofSeconds(SETTLE_SECONDS + 5))
                .until(() -> true);
        return ProcessMemory.status(pid, "VmRSS");
    }

    /** @return Micronaut's own "Startup completed in … ms" figure from the log, or "n/a" */
    private static String micronautStartup(String log) {
        Matcher matcher = Pattern.compile("Startup completed in (\\d+)ms").matcher(log);
        return matcher.find() ? matcher.group(1) + " ms" : "n/a";
    }
}
