package dev.alfred.bot.bench;

/**
 * How much each benchmark does. The full plan is the issue's; {@code -Dalfred.bench.quick=true} runs a small one to
 * try the harness out (its figures are not worth reporting).
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
 */
record Plan(boolean quick, int ackWarmUp, int ackRequests, int stepRuns, int stepsInFlight, int pickupTrials,
        int throughputRuns, int channels, int parkedRuns, int activeRuns) {

    static Plan fromSystemProperties() {
        if (Boolean.getBoolean("alfred.bench.quick")) {
            return new Plan(true, 50, 200, 20, 1, 10, 15, 3, 100, 10);
        }
        return new Plan(false, 300, 1_000, 200, 1, 100, 60, 5, 1_000, 50);
    }
}
