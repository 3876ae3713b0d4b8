package dev.alfred.bot.bench;

import dev.alfred.bot.bench.BenchApp.Database;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything measured on one database; a benchmark that failed is null here and its failure is in {@link #failures}.
 */
final class DatabaseResults {
    final Database database;
    String version;
    SlashAckBench.Result ack;
    StepOverheadBench.Result steps;
    PickupBench.Result pickup;
    ThroughputBench.Result throughput;
    FootprintBench.Result footprint;
    ResumeBench.Result resume;
    final List<String> failures = new ArrayList<>();

    DatabaseResults(Database database) {
        this.database = database;
    }

    /** A benchmark's measurement, which may throw. */
    @FunctionalInterface
    interface Measurement<T> {
        T measure() throws Exception;
    }

    /** @return what {@code measurement} measured, or null after recording why it failed */
    <T> T attempt(String name, Measurement<T> measurement) {
        long started = System.nanoTime();
        System.out.println("bench: " + database.label + ": " + name + " ...");
        try {
            T result = measurement.measure();
            System.out.printf("bench: %s: %s done in %.0f s: %s%n", database.label, name,
                    (System.nanoTime() - started) / 1e9, result);
            return result;
        } catch (Exception | AssertionError e) {
            failures.add(name + ": " + e);
            System.out.println("bench: " + database.label + ": " + name + " FAILED: " + e);
            e.printStackTrace(System.out);
            return null;
        }
    }
}
