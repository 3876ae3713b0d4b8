package dev.alfred.bot.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's sections on start-up, memory and crash → resume (benchmarks 5 and 6), each figure beside its target
 * from issue 22: {@code GET /health} 200 within {@link #STARTUP_TARGET} of the process starting, resident memory idle
 * under {@link #RSS_TARGET_KB} kB, and a run interrupted by a crash taking its next step within
 * {@link ResumeBench#TARGET} of the new process starting. A missed target is shown as missed.
 */
final class StartupReport {
    static final Duration STARTUP_TARGET = Duration.ofMillis(1500);
    static final long RSS_TARGET_KB = 200 * 1024;

    private StartupReport() {
    }

    /** @return the Markdown lines of section 5, start-up and memory */
    static List<String> footprint(List<DatabaseResults> databases) {
        List<String> out = new ArrayList<>();
        out.add("## 5. Start-up and memory");
        out.add("");
        out.add("`bot/target/alfred.jar` as `serve` in its own JVM, exactly as `./alfred serve` runs it: the options "
                + "of `bot/src/main/jvm/alfred.jvmoptions` (serial GC, heap 96 MiB growing to at most 384 MiB, 64 MiB "
                + "code cache, C1 only, the CDS archives mapped at their own address), the AppCDS archive "
                + "`bot/target/alfred.jsa` made by "
                + "`bot/src/main/jvm/cds-archive.sh`, and `MALLOC_ARENA_MAX=2`; configured by environment variables. "
                + "Start-up: from spawning `java` to the first 200 from `GET /health` (polled every 20 ms), on an "
                + "empty database (the migrations included), and again after a restart on the database the benchmark "
                + "filled; target " + Report.seconds(STARTUP_TARGET) + " on a 2-core machine. Each is started "
                + FootprintBench.STARTS + " times (each empty start on a new home and, on PostgreSQL, a new database; "
                + "the restarts one after the other), as one start's time moves by about 15% from one to the next "
                + "here; shown is the median, the range in brackets, and the target is judged on the median. Memory: `VmRSS` from "
                + "`/proc/<pid>/status`, " + FootprintBench.SETTLE_SECONDS + " s after start-up (idle, target under "
                + Report.mib(RSS_TARGET_KB) + ") and after the parked runs' questions were posted; the highest sample "
                + "(every 100 ms) while the active runs (" + FootprintBench.ACTIVE_STEPS + " steps each, on the "
                + "default 4 job workers and 4 fast-pickup threads) worked, after the parked ones; `VmHWM` is the "
                + "peak over the process's life. The live heap is what a full collection (`jcmd <pid> GC.run`, then "
                + "`GC.heap_info`) leaves in use; read right after the idle RSS, and at the end, with the parked runs "
                + "still parked and the active ones done.");
        out.add("");
        out.add("| database | start-up, empty (target " + Report.seconds(STARTUP_TARGET) + ") | (Micronaut's own "
                + "figure) | restart, filled | RSS idle (target < " + Report.mib(RSS_TARGET_KB) + ") | RSS, runs "
                + "parked | RSS, runs active | VmHWM | live heap idle / at the end |");
        out.add("|---|---|---|---|---|---|---|---|---|");
        for (DatabaseResults db : databases) {
            FootprintBench.Result f = db.footprint;
            if (f != null) {
                out.add("| " + db.database.label + " | " + versus(f.startups(), STARTUP_TARGET) + " | "
                        + f.micronautStartup() + " | " + versus(f.restarts(), STARTUP_TARGET) + " | "
                        + Report.mib(f.idleKb()) + (f.idleKb() >= 0 && f.idleKb() < RSS_TARGET_KB ? " (met)"
                                : " (**missed**)") + " | " + Report.mib(f.parkedKb()) + " (" + f.parked() + ") | "
                        + Report.mib(f.activeKb()) + " (" + f.active() + ") | " + Report.mib(f.peakKb()) + " | "
                        + Report.mib(f.idleHeapKb()) + " / " + Report.mib(f.endHeapKb()) + " |");
            }
        }
        out.add("");
        return out;
    }

    /** @return the Markdown lines of section 5b, crash → resume */
    static List<String> resume(List<DatabaseResults> databases) {
        List<String> out = new ArrayList<>();
        out.add("## 5b. Crash → resume");
        out.add("");
        out.add("Alfred as `./alfred serve` runs it (as in section 5, default settings: heartbeat every 1 s, a "
                + "process silent for 3 s is dead) on the H2 file database or PostgreSQL. A task's first model call is "
                + "held by the fake model; " + ResumeBench.SETTLE.toMillis() + " ms later the process is stopped, "
                + "with SIGKILL (`kill -9`: no shutdown hook, its leases stay behind) or SIGTERM (a graceful stop, "
                + "which gives its leases back), and a new process is started on the same database at once. The "
                + "figure is from spawning the new `java` to the interrupted run's next model request reaching the "
                + "fake model: boot, the dead process's lease recognised, the step taken again. Target: "
                + Report.seconds(ResumeBench.TARGET) + ", boot included.");
        out.add("");
        out.add("| database | kill -9 → next step (target " + Report.seconds(ResumeBench.TARGET) + ") | of which "
                + "boot to /health | SIGTERM → next step | of which boot | SIGTERM to exit |");
        out.add("|---|---|---|---|---|---|");
        for (DatabaseResults db : databases) {
            ResumeBench.Result r = db.resume;
            if (r != null) {
                out.add("| " + db.database.label + " | " + versus(r.killed(), ResumeBench.TARGET) + " | "
                        + Report.seconds(r.killedBoot()) + " | " + versus(r.stopped(), ResumeBench.TARGET) + " | "
                        + Report.seconds(r.stoppedBoot()) + " | " + Report.seconds(r.stopTook()) + " |");
            }
        }
        out.add("");
        return out;
    }

    /** @return the median of {@code starts}, their range, and whether the median met {@code target} */
    private static String versus(List<Duration> starts, Duration target) {
        List<Duration> sorted = starts.stream().sorted().toList();
        Duration median = sorted.get((sorted.size() - 1) / 2);
        return versus(median, target) + " (" + Report.seconds(sorted.get(0)) + "–"
                + Report.seconds(sorted.get(sorted.size() - 1)) + ")";
    }

    private static String versus(Duration figure, Duration target) {
        return Report.seconds(figure) + (figure.compareTo(target) <= 0 ? " (met)" : " (**missed**)");
    }
}
