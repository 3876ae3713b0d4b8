package dev.alfred.bot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.bench.BenchApp.Database;
import dev.alfred.bot.support.FakeOpenAi;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark 6: how the prompt grows over a long run, with compaction and without. An agent checks a 2 KB status page
 * {@value #CHECKS} times with {@code http_get} (one model turn and one tool call per check, then the answer), under
 * three {@code max-prompt-tokens}: {@value #OFF} (the largest allowed, so compaction never happens: "off"), the
 * default 24,000, and 3,000. The prompt size of each call is the fake model's count (characters of messages and
 * tool specifications / 4, plus 4 per message), which it also reports as the provider's usage. The size of a prompt
 * does not depend on the database, so this runs on H2 only.
 */
final class PromptBench {
    static final int CHECKS = 50;
    static final int OFF = 2_000_000;
    static final int TIGHT = 3_000;
    private static final String ALFRED = """
            name: alfred
            description: The boss.
            system-prompt: You are the boss.
            tools: [ask_human, http_get]
            """;
    private static final String CHECKER = """
            name: %s
            description: Checks a page again and again.
            system-prompt: You are the long-running benchmark agent. Check the page until told to stop.
            tools: [http_get]
            max-steps: 200
            %s
            """;

    /** One budget's run: every model turn's prompt size, in order, and the compaction calls. */
    record Result(String label, int budget, List<Integer> turns, int compactions, long compactionTokens) {
        long total() {
            return turns.stream().mapToLong(Integer::longValue).sum() + compactionTokens;
        }

        int largest() {
            return turns.stream().mapToInt(Integer::intValue).max().orElse(0);
        }
    }

    private PromptBench() {
    }

    static List<Result> run() throws Exception {
        Path agents = Files.createTempDirectory("alfred-bench-agents");
        Files.writeString(agents.resolve("alfred.yml"), ALFRED);
        Files.writeString(agents.resolve("uncompacted.yml"), CHECKER.formatted("uncompacted",
                "max-prompt-tokens: " + OFF));
        Files.writeString(agents.resolve("standard.yml"), CHECKER.formatted("standard", ""));
        Files.writeString(agents.resolve("tight.yml"), CHECKER.formatted("tight", "max-prompt-tokens: " + TIGHT));
        HttpServer page = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = ("payments-api: degraded. " + "x".repeat(2_024)).getBytes(StandardCharsets.UTF_8);
        page.createContext("/status", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        page.start();
        String url = "http://127.0.0.1:" + page.getAddress().getPort() + "/status";
        try (BenchApp bench = BenchApp.start(Database.H2, Map.of("alfred.agents.dir", agents.toString(),
                "alfred.runs.max-steps", 200))) {
            List<Result> results = new ArrayList<>();
            results.add(one(bench, "uncompacted", OFF, url));
            results.add(one(bench, "standard", 24_000, url));
            results.add(one(bench, "tight", TIGHT, url));
            return results;
        } finally {
            page.stop(0);
        }
    }

    private static Result one(BenchApp bench, String agent, int budget, String url) throws Exception {
        bench.app.model.reset();
        bench.app.model.reportPromptSize();
        AtomicInteger turns = new AtomicInteger();
        bench.app.model.respondWith(request -> reply(request, turns, url));
        String ack = bench.app.user("U1").command("C1", "task @" + agent + " check the page " + CHECKS + " times")
                .body();
        String runId = BenchApp.runId(ack);
        if (runId == null) {
            throw new IllegalStateException("the task was not accepted: " + ack);
        }
        bench.awaitStatus(runId, RunStatus.SUCCEEDED, Duration.ofMinutes(2));
        List<Integer> prompts = new ArrayList<>();
        int compactions = 0;
        long compactionTokens = 0;
        for (JsonNode request : bench.app.model.requests()) {
            if (request.path("tools").isMissingNode()) {
                compactions++;
                compactionTokens += FakeOpenAi.promptTokens(request);
            } else {
                prompts.add(FakeOpenAi.promptTokens(request));
            }
        }
        return new Result(agent, budget, prompts, compactions, compactionTokens);
    }

    private static FakeOpenAi.Reply reply(JsonNode request, AtomicInteger turns, String url) {
        if (request.path("tools").isMissingNode()) {
            return new FakeOpenAi.Text("Checked the status page " + turns.get() + " times; each time it said "
                    + "payments-api: degraded. Nothing else changed. Keep checking.");
        }
        int turn = turns.incrementAndGet();
        return turn <= CHECKS ? new FakeOpenAi.ToolCall("http_get", "{\"url\":\"" + url + "?check=" + turn + "\"}")
                : new FakeOpenAi.Text("payments-api stayed degraded through " + CHECKS + " checks.");
    }
}
