package dev.alfred.bot.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time of this JVM's threads, summed by thread group: a thread's name with its numbers taken out
 * ({@code blocking-executor-thread-12} and {@code -3} are one group), from {@link ThreadMXBean#getThreadCpuTime}
 * (user and system time, nanoseconds, as the OS counts it). A thread that ended between two snapshots loses what it
 * spent since the first; the benchmark's pools keep their threads. The JVM's own threads, which are not Java threads
 * (the JIT compiler, the garbage collector), are the process's CPU time less its Java threads' ({@link #measure}).
 */
final class ThreadCpu {
    /**
     * The roles {@link #measure} reports, in the order the report shows them: those {@link #role} sorts thread groups
     * into, then the JVM's own threads and PostgreSQL's server processes.
     */
    static final List<String> ROLES = List.of("acknowledging", "runs", "after-ack lanes", "outbox",
            "load generator", "fake Slack and model", "other Java threads", "JVM (GC, JIT)", "PostgreSQL server");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Pattern NUMBERS = Pattern.compile("[-#]?\\d+");

    /** CPU nanoseconds by thread id, and each id's group. */
    private final Map<Long, Long> cpu = new HashMap<>();
    private final Map<Long, String> groups = new HashMap<>();

    private ThreadCpu() {
    }

    /** @return each live thread's CPU time now */
    static ThreadCpu snapshot() {
        ThreadCpu snapshot = new ThreadCpu();
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long nanos = THREADS.getThreadCpuTime(ids[i]);
            if (infos[i] != null && nanos >= 0) {
                snapshot.cpu.put(ids[i], nanos);
                snapshot.groups.put(ids[i], group(infos[i].getThreadName()));
            }
        }
        return snapshot;
    }

    /** @return this JVM's CPU time so far, all its threads, in nanoseconds */
    static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * @return the CPU milliseconds the machine's live {@code postgres} processes have spent so far, from
     *     {@code /proc/<pid>/stat} ({@code utime} and {@code stime}, in clock ticks of 10 ms); 0 where there is no
     *     {@code /proc}
     */
    static double postgresMillis() {
        double ticks = 0;
        java.io.File[] processes = new java.io.File("/proc").listFiles((dir, name) -> name.chars()
                .allMatch(Character::isDigit));
        if (processes == null) {
            return 0;
        }
        for (java.io.File process : processes) {
            try {
                String stat = java.nio.file.Files.readString(process.toPath().resolve("stat"));
                int close = stat.lastIndexOf(')');
                if (!stat.substring(stat.indexOf('(') + 1, close).startsWith("postgres")) {
                    continue;
                }
                String[] fields = stat.substring(close + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (java.io.IOException | RuntimeException gone) {
                // the process ended while it was read
            }
        }
        return ticks * 10;
    }

    /** @return {@code name} without its numbers: the thread's group */
    static String group(String name) {
        return NUMBERS.matcher(name).replaceAll("");
    }

    /**
     * @return CPU milliseconds spent by each group between {@code earlier} and this snapshot (threads started in
     *     between count from zero)
     */
    Map<String, Double> since(ThreadCpu earlier) {
        Map<String, Double> millis = new HashMap<>();
        cpu.forEach((id, nanos) -> millis.merge(groups.get(id),
                (nanos - earlier.cpu.getOrDefault(id, 0L)) / 1e6, Double::sum));
        return millis;
    }

    /**
     * @return the role of a thread group: the threads that acknowledge requests (Micronaut's blocking executor and
     *     Netty's event loop), the runs (fast pickup, JobRunr's workers, the lease heartbeat), the after-ack lanes,
     *     the outbox (drainer and deliveries), the benchmark's load generator (its client threads and the JDK
     *     {@code HttpClient}'s), the fakes ({@code LocalSlack}, {@code FakeOpenAi} and their JDK HTTP servers), or
     *     other Java threads
     */
    static String role(String group) {
        return switch (group) {
            case "blocking-executor-thread", "default-eventLoopGroup" -> "acknowledging";
            case "alfred-fast-pickup", "backgroundjob-worker-pool", "alfred-lease-heartbeat" -> "runs";
            case "alfred-after-ack" -> "after-ack lanes";
            case "alfred-outbox", "alfred-outbox-delivery" -> "outbox";
            case "bench-load", "HttpClient-Worker", "HttpClient-SelectorManager" -> "load generator";
            case "local-slack", "fake-openai", "HTTP-Dispatcher" -> "fake Slack and model";
            default -> "other Java threads";
        };
    }

    /**
     * What one measured phase cost: CPU milliseconds per request by {@link #ROLES role} (the JVM's own threads are
     * the process's CPU less its Java threads'; PostgreSQL's server processes are the machine's {@code postgres}
     * processes, so 0 on H2), and the phase's wall time in milliseconds.
     */
    record Phase(Map<String, Double> perRequest, double wallMillis) {
        /** @return the CPU milliseconds per request of all roles together */
        double total() {
            return perRequest.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** Measures {@code work}, which sends {@code requests} requests, by role. */
    static <T> Measured<T> measure(int requests, java.util.concurrent.Callable<T> work) throws Exception {
        ThreadCpu before = snapshot();
        long process = processNanos();
        double postgres = postgresMillis();
        long start = System.nanoTime();
        T result = work.call();
        double wall = (System.nanoTime() - start) / 1e6;
        Map<String, Double> byGroup = snapshot().since(before);
        double processMillis = (processNanos() - process) / 1e6;
        double postgresSpent = postgresMillis() - postgres;
        Map<String, Double> byRole = new LinkedHashMap<>();
        ROLES.forEach(role -> byRole.put(role, 0.0));
        byGroup.forEach((group, ms) -> byRole.merge(role(group), ms / requests, Double::sum));
        double java = byGroup.values().stream().mapToDouble(Double::doubleValue).sum();
        byRole.put("JVM (GC, JIT)", Math.max(0, processMillis - java) / requests);
        byRole.put("PostgreSQL server", postgresSpent / requests);
        return new Measured<>(result, new Phase(byRole, wall));
    }

    /** What {@link #measure} returns: the work's result and what it cost. */
    record Measured<T>(T result, Phase phase) {
    }
}
