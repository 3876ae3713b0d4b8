package dev.alfred.bot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.bench.BenchApp.Database;
import dev.alfred.bot.bench.SlashLoad.Click;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.demo.SlackUser;
import dev.alfred.bot.slack.blocks.ApprovalCards;
import dev.alfred.bot.bench.SlashLoad.Command;
import dev.alfred.bot.bench.SlashLoad.Outcome;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;

/**
 * Benchmark 1: slash-command acknowledgement latency at {@value #CONNECTIONS} concurrent connections, for
 * {@code /alfred task} (records the run, posts the thread's root message, enqueues it) and {@code /alfred status}
 * (reads the fleet), beside the floor: {@link FloorController}, which only verifies the signature. After a warm-up of
 * each, and once the warm-up's runs have finished, the floor, status and task are measured in turn; the task runs
 * then work in the background (the model answers at once) while the rest of the commands are acknowledged. Then
 * {@code @Alfred} mentions (a run in the mention's thread); thread replies (Events API {@code message}) spread over
 * the threads of runs that ask again after every reply (about 5 replies each), so each reply moves its run; and
 * Approve clicks ({@code block_actions}) spread over the cards of {@value #PARKED} runs: the first click on a card
 * approves it, the later ones are told who decided. While each kind is measured, the CPU every thread spends is
 * counted ({@link ThreadCpu}), to show where the distance to the floor comes from. The JVM runs with the thread
 * priorities of {@code alfred.jvmoptions} (the {@code bench} profile's {@code argLine}): background threads at nice
 * 10.
 */
final class SlashAckBench {
    static final int CONNECTIONS = 20;

    /**
     * What one database measured.
     *
     * @param cpu what each measured kind of request cost, by role ({@link ThreadCpu#measure}), keyed by
     *            {@code floor}, {@code status}, {@code task}, {@code mention}, {@code reply} and {@code click}
     */
    record Result(Stats floor, Stats task, Stats status, Stats mention, Stats reply, Stats click, long failures,
            int requests, String version, Map<String, ThreadCpu.Phase> cpu) {
    }

    /**
     * How many times as many requests the floor is measured over as each kind of request. At the floor's rate (7,000
     * a second here) 1,000 requests take about 0.15 s against 0.5-2 s for the kinds measured against it, and its p99
     * (its 10th slowest) then depended on whether a young collection of the serial collector (about 10 ms, stopping
     * every thread) fell into that window: 5.3 to 31.0 ms over eight runs of this benchmark on the same machine
     * (issue 22, sixth round). Over 10 times as many its window is as long as theirs and meets collections as
     * they do.
     */
    static final int FLOOR_TIMES = 10;
    /** Runs parked behind approval cards for the clicks. */
    static final int PARKED = 20;
    private static final Duration WAIT = Duration.ofMinutes(2);

    private SlashAckBench() {
    }

    static Result run(Database database, int warmUp, int requests) throws Exception {
        return run(database, warmUp, requests, Map.of());
    }

    /** As {@link #run(Database, int, int)}, with Alfred's configuration changed by {@code extra}. */
    static Result run(Database database, int warmUp, int requests, Map<String, Object> extra) throws Exception {
        try (BenchApp bench = BenchApp.start(database, extra);
                SlashLoad load = new SlashLoad(bench.port(), AlfredTestApp.SIGNING_SECRET, CONNECTIONS)) {
            bench.app.model.respondWith(SlashAckBench::answer);
            load.run("/bench/floor", 5 * warmUp, n -> new Command("C1", "status"));
            load.run("/slack/events", 3 * warmUp, n -> new Command("C1", "status"));
            long failures = taskFailures(load.run("/slack/events", warmUp,
                    n -> new Command("C1", "task warm-up " + n)));
            bench.awaitQuiet(Duration.ofMinutes(3));

            Map<String, ThreadCpu.Phase> cpu = new java.util.LinkedHashMap<>();
            List<Outcome> floor = measured(cpu, "floor", FLOOR_TIMES * requests,
                    () -> load.run("/bench/floor", FLOOR_TIMES * requests, n -> new Command("C1", "status")));
            List<Outcome> status = measured(cpu, "status", requests,
                    () -> load.run("/slack/events", requests, n -> new Command("C1", "status")));
            List<Outcome> task = measured(cpu, "task", requests,
                    () -> load.run("/slack/events", requests, n -> new Command("C1", "task ack " + n)));
            failures += SlashLoad.failures(floor) + SlashLoad.failures(status) + taskFailures(task);
            bench.awaitQuiet(Duration.ofMinutes(3));
            load.runMentions("/slack/events", warmUp, n -> new Command("C1", "mention warm-up " + n));
            bench.awaitQuiet(Duration.ofMinutes(3));
            List<Outcome> mention = measured(cpu, "mention", requests,
                    () -> load.runMentions("/slack/events", requests, n -> new Command("C1", "mention ack " + n)));
            failures += SlashLoad.failures(mention);
            bench.awaitQuiet(Duration.ofMinutes(3));

            // About 5 replies a run: each reply costs its run 2–3 steps, and the agent's limit is 30.
            List<String> threads = parked(bench, "ask", RunStatus.WAITING_FOR_REPLY, (warmUp + requests) / 5 + 1)
                    .stream()
                    .map(run -> run.channelId() + ":" + run.threadTs()).toList();
            load.runReplies("/slack/events", warmUp, n -> new Command(threads.get(n % threads.size()), "go on"));
            List<Outcome> reply = measured(cpu, "reply", requests, () -> load.runReplies("/slack/events",
                    requests, n -> new Command(threads.get(n % threads.size()), "reply " + n)));
            failures += SlashLoad.failures(reply);
            List<Click> cards = cards(bench, parked(bench, "card", RunStatus.WAITING_FOR_APPROVAL,
                    PARKED));
            load.runClicks("/slack/events", warmUp, n -> cards.get(n % cards.size()));
            List<Outcome> click = measured(cpu, "click", requests,
                    () -> load.runClicks("/slack/events", requests, n -> cards.get(n % cards.size())));
            failures += SlashLoad.failures(click);
            bench.awaitQuiet(Duration.ofMinutes(3));
            return new Result(SlashLoad.latencies(floor), SlashLoad.latencies(task), SlashLoad.latencies(status),
                    SlashLoad.latencies(mention), SlashLoad.latencies(reply), SlashLoad.latencies(click), failures,
                    requests, bench.databaseVersion(), cpu);
        }
    }

    /** Runs {@code phase} ({@code requests} requests) and keeps what it cost, by role, under {@code label}. */
    private static List<Outcome> measured(Map<String, ThreadCpu.Phase> cpu, String label, int requests,
            Callable<List<Outcome>> phase) throws Exception {
        ThreadCpu.Measured<List<Outcome>> measured = ThreadCpu.measure(requests, phase);
        cpu.put(label, measured.phase());
        return measured.result();
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

    /**
     * The fake model: a task starting {@code ask} asks the requester again and again ({@code ask_human}), so its run
     * parks after every reply; one starting {@code card} posts to {@code C3}, which the default policy stages behind
     * an approval card, then answers; any other task is answered at once.
     */
    private static FakeOpenAi.Reply answer(JsonNode request) {
        JsonNode messages = request.path("messages");
        String task = messages.path(1).path("content").asText();
        boolean afterTool = messages.get(messages.size() - 1).path("role").asText().equals("tool");
        if (task.startsWith("ask ")) {
            return new FakeOpenAi.ToolCall("ask_human", "{\"question\":\"go on?\"}");
        }
        return task.startsWith("card ") && !afterTool ? AlfredTestApp.postCall("C3", task)
                : new FakeOpenAi.Text("done");
    }

    /** @return {@code count} runs of tasks {@code <prefix> <n>}, each awaited in {@code status} */
    private static List<Run> parked(BenchApp bench, String prefix, RunStatus status, int count) throws Exception {
        SlackUser ada = bench.app.user("U1");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(BenchApp.runId(ada.command("C1", "task " + prefix + " " + i).body()));
        }
        List<Run> runs = new ArrayList<>();
        for (String id : ids) {
            runs.add(bench.awaitStatus(id, status, WAIT));
        }
        return runs;
    }

    /** @return the Approve button of each run's approval card, as the fake Slack received the card */
    private static List<Click> cards(BenchApp bench, List<Run> runs) throws Exception {
        List<Click> clicks = new ArrayList<>();
        for (Run run : runs) {
            LocalSlack.Call card = Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(5))
                    .until(() -> bench.app.slack.threadReplies(run.threadTs()).stream()
                            .filter(call -> String.valueOf(call.arg("blocks")).contains("approval.approve"))
                            .findFirst().orElse(null), found -> found != null);
            clicks.add(new Click(run.channelId(), card.ts(), run.threadTs(), ApprovalCards.APPROVE,
                    ApprovalCards.approveButtonValue(card.arg("blocks"))));
        }
        return clicks;
    }

    /** @return task commands not answered 200 with "On it" (refused, or not recorded) */
    private static long taskFailures(List<Outcome> outcomes) {
        return outcomes.stream().filter(outcome -> outcome.status() != 200 || !outcome.body().contains("On it"))
                .count();
    }
}
