package dev.alfred.bot.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Another process's memory, as Linux and the JDK's {@code jcmd} report it, in kB. */
final class ProcessMemory {
    /** G1's one "garbage-first heap total …K, used …K" line, or the serial collector's two generations' lines. */
    private static final Pattern HEAP_USED = Pattern.compile("(?:heap|generation)\\s+total \\d+K, used (\\d+)K");

    private ProcessMemory() {
    }

    /** Work that may throw, for {@link #highestRssWhile}. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** @return a {@code kB} field of {@code /proc/<pid>/status}, e.g. {@code VmRSS}; -1 if unknown */
    static long status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** @return the highest {@code VmRSS} sampled every 100 ms while {@code work} runs */
    static long highestRssWhile(long pid, Work work) throws Exception {
        AtomicLong highest = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> highest.accumulateAndGet(status(pid, "VmRSS"), Math::max), 0, 100,
                TimeUnit.MILLISECONDS);
        try {
            work.run();
        } finally {
            sampler.shutdownNow();
        }
        return highest.get();
    }

    /**
     * @return the heap still in use after a full collection, summed over the generations ({@code jcmd <pid> GC.run}, then {@code GC.heap_info}):
     *     what the process really holds, which its RSS (the heap it has grown to) does not show; -1 if unknown
     */
    static long liveHeapKb(long pid) throws Exception {
        jcmd(pid, "GC.run");
        Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        long total = -1;
        while (used.find()) {
            total = Math.max(total, 0) + Long.parseLong(used.group(1));
        }
        return total;
    }

    private static String jcmd(long pid, String command) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process process = new ProcessBuilder(jcmd, String.valueOf(pid), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }
}
