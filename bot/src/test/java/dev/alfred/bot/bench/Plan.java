package dev.alfred.bot.bench;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How much each benchmark does. The full plan is the issue's; {@code -Dalfred.bench.quick=true} runs a small one to
 * try the harness out (its figures are not worth reporting). {@code -Dalfred.bench.only=ack,steps} measures only the
 * named benchmarks ({@link #SECTIONS}; the others are reported as not measured) and then writes the report to
 * {@code bot/target/bench-partial.md} unless {@code -Dalfred.bench.report} names a file, so that a partial run never
 * replaces {@code docs/benchmarks.md}.
 *
 * @param ackWarmUp      {@code /alfred task} commands sent before measuring (floor and status get 5× and 3× as many:
 *                       they cost less, and the first database measured in the JVM warms its JIT)
 * @param ackRequests    slash commands of each kind measured
 * @param stepRuns       10-step runs for the orchestration overhead
 * @param stepsInFlight  runs in flight at once for the orchestration overhead
 * @param pickupTrials   trials of each kind for the pickup latencies
 * @param throughputRuns runs for the throughput under Slack's posting limit
 * @param channels       channels those runs are spread over
 * @param parkedRuns     runs parked for the memory reading
 * @param activeRuns     runs working for the memory reading
 * @param only           the benchmarks to measure, a subset of {@link #SECTIONS}
 */
record Plan(boolean quick, int ackWarmUp, int ackRequests, int stepRuns, int stepsInFlight, int pickupTrials,
        int throughputRuns, int channels, int parkedRuns, int activeRuns, Set<String> only) {

    /** The benchmarks' names for {@code -Dalfred.bench.only}, in the order they run. */
    static final List<String> SECTIONS = List.of("ack", "steps", "pickup", "throughput", "footprint", "resume",
            "prompt");

    static Plan fromSystemProperties() {
        Set<String> only = only(System.getProperty("alfred.bench.only", ""));
        if (Boolean.getBoolean("alfred.bench.quick")) {
            return new Plan(true, 50, 200, 20, 1, 10, 15, 3, 100, 10, only);
        }
        return new Plan(false, 300, 1_000, 200, 1, 100, 60, 5, 1_000, 50, only);
    }

    /** @return whether the benchmark {@code section} (one of {@link #SECTIONS}) is measured in this run */
    boolean measures(String section) {
        return only.contains(section);
    }

    /** @return whether some benchmarks are left out, so that the report must not replace the full one */
    boolean partial() {
        return only.size() < SECTIONS.size();
    }

    /**
     * @param list comma-separated names from {@link #SECTIONS}; blank for all of them
     * @throws IllegalArgumentException for a name that is not a benchmark's
     */
    private static Set<String> only(String list) {
        if (list.isBlank()) {
            return Set.copyOf(SECTIONS);
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : list.split(",")) {
            String trimmed = name.trim();
            if (!SECTIONS.contains(trimmed)) {
                throw new IllegalArgumentException("alfred.bench.only: no benchmark named '" + trimmed
                        + "'; the benchmarks are " + SECTIONS);
            }
            names.add(trimmed);
        }
        return Set.copyOf(names);
    }
}
