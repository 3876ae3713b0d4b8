package dev.alfred.bot.bench;

import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.bench.BenchApp.Database;
import dev.alfred.bot.bench.SlashLoad.Command;
import dev.alfred.bot.bench.SlashLoad.Outcome;
import dev.alfred.bot.support.AlfredTestApp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Benchmark 4: runs completed per minute when Slack limits posting. The fake Slack answers {@code chat.postMessage}
 * over {@value #POSTS_PER_SECOND} per second per channel (bursts of {@value #BURST}) with 429 and
 * {@code Retry-After}, as Slack does (https://docs.slack.dev/apis/web-api/rate-limits, "Posting messages: 1 per
 * second, short bursts &gt;1 allowed"). {@code runs} tasks of {@link TenStepScript} are typed at once (20 connections)
 * into {@code channels} channels; a run is complete when its final answer has reached the fake Slack. Lost: a run
 * that did not succeed, or whose answer never arrived within {@value #PATIENCE_MINUTES} minutes.
 */
final class ThroughputBench {
    static final int POSTS_PER_SECOND = 1;
    static final int BURST = 5;
    static final int PATIENCE_MINUTES = 4;
    private static final Pattern ANSWER = Pattern.compile("done (throughput-\\d+)");

    /**
     * What one database measured.
     *
     * @param ceilingPerMinute what Slack's limit allows at most, from the posts each run made
     */
    record Result(int runs, int channels, double perMinute, double seconds, long succeeded, int delivered,
            int duplicates, long lost, int rejected, double postsPerRun, double ceilingPerMinute, Stats ack,
            long ackFailures) {
    }

    private ThroughputBench() {
    }

    static Result run(Database database, int runs, int channels) throws Exception {
        Map<String, Long> answeredAt = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        try (BenchApp bench = BenchApp.start(database, Map.of(),
                slack -> slack.limitPostsPerChannel(POSTS_PER_SECOND, BURST));
                SlashLoad load = new SlashLoad(bench.port(), AlfredTestApp.SIGNING_SECRET, SlashAckBench.CONNECTIONS)) {
            bench.app.model.respondWith(TenStepScript::reply);
            bench.app.slack.onCall(call -> {
                Matcher answer = ANSWER.matcher(String.valueOf(call.arg("text")));
                if ("chat.postMessage".equals(call.method()) && answer.find()
                        && answeredAt.putIfAbsent(answer.group(1), System.nanoTime()) != null) {
                    duplicates.incrementAndGet();
                }
            });
            long started = System.nanoTime();
            List<Outcome> acks = load.run("/slack/events", runs,
                    n -> new Command("C" + (100 + n % channels), "task throughput-" + n));
            try {
                Awaitility.await().atMost(Duration.ofMinutes(PATIENCE_MINUTES)).pollInterval(Duration.ofMillis(50))
                        .until(() -> answeredAt.size() >= runs);
            } catch (ConditionTimeoutException e) {
                // counted as lost below
            }
            long last = answeredAt.values().stream().mapToLong(Long::longValue).max().orElse(started);
            double seconds = (last - started) / 1e9;
            long succeeded = bench.count("SELECT COUNT(*) FROM runs WHERE status = '" + RunStatus.SUCCEEDED + "'");
            int posts = bench.app.slack.calls("chat.postMessage").size();
            double postsPerRun = (double) posts / runs;
            return new Result(runs, channels, answeredAt.size() * 60 / seconds, seconds, succeeded,
                    answeredAt.size(), duplicates.get(), runs - Math.min(succeeded, answeredAt.size()),
                    bench.app.slack.rejected().size(), postsPerRun,
                    POSTS_PER_SECOND * 60.0 * channels / postsPerRun, SlashLoad.latencies(acks),
                    SlashLoad.failures(acks));
        }
    }
}
