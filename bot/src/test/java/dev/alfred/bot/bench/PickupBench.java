package dev.alfred.bot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.bench.BenchApp.Database;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.demo.SlackUser;
import dev.alfred.bot.slack.blocks.ApprovalCards;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;

/**
 * Benchmark 3: how fast a person's action gets a parked run moving, one trial at a time (the approach of
 * {@code FastPickupIT}). Reply: a run parks on {@code ask_human}; the clock runs from sending the thread reply to the
 * model receiving the next request. Approve: a run parks behind an approval card for {@code slack_post_message}; the
 * clock runs from sending the Approve click to the approved post arriving at the fake Slack.
 */
final class PickupBench {
    private static final String POLICY = """
            rules:
              - {id: reads, match: {tier: read}, decision: allow}
              - {id: writes, match: {tier: write}, decision: require_approval}
            """;
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** What one database measured. */
    record Result(int trials, Stats reply, Stats approve) {
    }

    private PickupBench() {
    }

    static Result run(Database database, int trials) throws Exception {
        Path policies = Files.createTempDirectory("alfred-bench-policies");
        Files.writeString(policies.resolve("policy.yml"), POLICY);
        Map<String, Long> modelCallAt = new ConcurrentHashMap<>();
        Map<String, Long> postedAt = new ConcurrentHashMap<>();
        try (BenchApp bench = BenchApp.start(database, Map.of("alfred.policies.dir", policies.toString()))) {
            bench.app.model.respondWith(request -> reply(request, modelCallAt));
            bench.app.slack.onCall(call -> {
                if ("chat.postMessage".equals(call.method()) && "C3".equals(call.arg("channel"))) {
                    postedAt.putIfAbsent(call.arg("text"), System.nanoTime());
                }
            });
            SlackUser ada = bench.app.user("U1");
            List<Long> reply = new ArrayList<>();
            List<Long> approve = new ArrayList<>();
            for (int i = -5; i < trials; i++) {
                long replyNanos = replyTrial(bench, ada, "reply-" + i, modelCallAt);
                long approveNanos = approveTrial(bench, ada, "approve-" + i, postedAt);
                if (i >= 0) {
                    reply.add(replyNanos);
                    approve.add(approveNanos);
                }
            }
            return new Result(trials, Stats.ofNanos(reply), Stats.ofNanos(approve));
        }
    }

    private static FakeOpenAi.Reply reply(JsonNode request, Map<String, Long> modelCallAt) {
        long now = System.nanoTime();
        JsonNode messages = request.path("messages");
        String task = messages.path(1).path("content").asText();
        if (messages.get(messages.size() - 1).path("role").asText().equals("tool")) {
            modelCallAt.putIfAbsent(task, now);
            return new FakeOpenAi.Text("done " + task);
        }
        return task.startsWith("reply") ? new FakeOpenAi.ToolCall("ask_human", "{\"question\":\"go on?\"}")
                : AlfredTestApp.postCall("C3", task);
    }

    private static long replyTrial(BenchApp bench, SlackUser ada, String task, Map<String, Long> modelCallAt)
            throws Exception {
        String runId = BenchApp.runId(ada.command("C1", "task " + task).body());
        Run waiting = bench.awaitStatus(runId, RunStatus.WAITING_FOR_REPLY, WAIT);
        long sent = System.nanoTime();
        ada.reply("C1", waiting.threadTs(), "yes", "Ev-" + task);
        long called = Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(1)).pollDelay(Duration.ZERO)
                .until(() -> modelCallAt.getOrDefault(task, 0L), at -> at != 0L);
        bench.awaitStatus(runId, RunStatus.SUCCEEDED, WAIT);
        return called - sent;
    }

    private static long approveTrial(BenchApp bench, SlackUser ada, String task, Map<String, Long> postedAt)
            throws Exception {
        String runId = BenchApp.runId(ada.command("C1", "task " + task).body());
        Run parked = bench.awaitStatus(runId, RunStatus.WAITING_FOR_APPROVAL, WAIT);
        LocalSlack.Call card = Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(5))
                .pollDelay(Duration.ZERO).until(() -> bench.app.slack.threadReplies(parked.threadTs()).stream()
                        .filter(call -> String.valueOf(call.arg("blocks")).contains("approval.approve"))
                        .findFirst().orElse(null), found -> found != null);
        long clicked = System.nanoTime();
        ada.click("C1", card.ts(), parked.threadTs(), "approval.approve",
                ApprovalCards.approveButtonValue(card.arg("blocks")));
        long posted = Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(1)).pollDelay(Duration.ZERO)
                .until(() -> postedAt.getOrDefault(task, 0L), at -> at != 0L);
        bench.awaitStatus(runId, RunStatus.SUCCEEDED, WAIT);
        return posted - clicked;
    }
}
