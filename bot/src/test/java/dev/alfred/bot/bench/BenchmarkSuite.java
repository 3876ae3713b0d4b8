package dev.alfred.bot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alfred.bot.bench.BenchApp.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * Alfred's benchmarks, run by {@code ./alfred bench} (the Maven profile {@code bench}), never by the default build:
 * measures each benchmark on H2 and on PostgreSQL ({@code ALFRED_TEST_JDBC_URL}, as the integration tests find it;
 * skipped with the reason when there is none), then the prompt sizes, prints the figures as it goes, and writes the
 * report to {@code docs/benchmarks.md} ({@code -Dalfred.bench.report} for another file; {@code -Dalfred.bench.only}
 * measures some benchmarks only, see {@link Plan}).
 */
class BenchmarkSuite {

    @Test
    void measureAlfredAndWriteTheReport() throws Exception {
        Plan plan = Plan.fromSystemProperties();
        long started = System.nanoTime();
        List<DatabaseResults> measured = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (plan.measures("ack")) {
            new DatabaseResults(Database.H2).attempt("JVM warm-up", () -> SlashAckBench.warmUpJvm(plan));
        }
        for (Database database : Database.values()) {
            try {
                database.create().close();
            } catch (TestAbortedException e) {
                skipped.add(database.label + ": " + e.getMessage());
                continue;
            }
            measured.add(measure(database, plan));
        }
        DatabaseResults prompts = new DatabaseResults(Database.H2);
        List<PromptBench.Result> promptResults = plan.measures("prompt")
                ? prompts.attempt("prompt size", PromptBench::run) : null;
        String report = Report.markdown(plan, LocalDate.now(ZoneOffset.UTC).toString(),
                Duration.ofNanos(System.nanoTime() - started), measured, skipped,
                promptResults == null ? List.of() : promptResults);
        Path file = BenchApp.reportPath(plan);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, report);
        System.out.println(report);
        System.out.println("bench: report written to " + file.toAbsolutePath().normalize());
        // The report is written first, failures included; then the run fails if a benchmark could not measure,
        // or a run was lost or answered twice under Slack's limit. No timing is asserted: figures are reported.
        assertThat(measured).as("databases measured").isNotEmpty();
        assertThat(measured).allSatisfy(results -> assertThat(results.failures)
                .as("benchmarks that failed on " + results.database.label).isEmpty());
        assertThat(measured).allSatisfy(results -> {
            if (results.throughput == null) {
                return;
            }
            assertThat(results.throughput.lost()).as("runs lost on " + results.database.label).isZero();
            assertThat(results.throughput.duplicates()).as("answers posted twice on " + results.database.label)
                    .isZero();
        });
    }

    private static DatabaseResults measure(Database database, Plan plan) {
        DatabaseResults results = new DatabaseResults(database);
        if (plan.measures("ack")) {
            results.ack = results.attempt("slash-command acks", () -> SlashAckBench.run(database, plan.ackWarmUp(),
                    plan.ackRequests()));
        }
        results.version = results.ack == null ? null : results.ack.version();
        if (plan.measures("steps")) {
            results.steps = results.attempt("orchestration overhead", () -> StepOverheadBench.run(database,
                    plan.stepRuns(), plan.stepsInFlight()));
        }
        if (plan.measures("pickup")) {
            results.pickup = results.attempt("pickup", () -> PickupBench.run(database, plan.pickupTrials()));
        }
        if (plan.measures("throughput")) {
            results.throughput = results.attempt("throughput under Slack's limit", () -> ThroughputBench.run(database,
                    plan.throughputRuns(), plan.channels()));
        }
        if (plan.measures("footprint")) {
            results.footprint = results.attempt("start-up and memory", () -> FootprintBench.run(database,
                    plan.parkedRuns(), plan.activeRuns()));
        }
        if (plan.measures("resume")) {
            results.resume = results.attempt("crash → resume", () -> ResumeBench.run(database));
        }
        return results;
    }
}
