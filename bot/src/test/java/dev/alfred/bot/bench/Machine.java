package dev.alfred.bot.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The machine a benchmark ran on, as the report describes it: CPU, memory, operating system, JDK, JVM options. */
final class Machine {
    private Machine() {
    }

    /** @return e.g. {@code 2 × AMD EPYC (2 CPUs available to the JVM)} */
    static String cpu() {
        List<String> info = lines("/proc/cpuinfo");
        String model = info.stream().filter(line -> line.startsWith("model name")).map(line -> line.split(":", 2)[1]
                .strip()).findFirst().orElse(System.getProperty("os.arch"));
        long count = info.stream().filter(line -> line.startsWith("processor")).count();
        return count + " × " + model + " (" + Runtime.getRuntime().availableProcessors()
                + " available to the JVM)";
    }

    /** @return e.g. {@code 23.5 GiB} */
    static String memory() {
        return lines("/proc/meminfo").stream().filter(line -> line.startsWith("MemTotal:")).findFirst()
                .map(line -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(line.replaceAll("\\D+", ""))
                        / 1024.0 / 1024.0)).orElse("unknown");
    }

    /** @return e.g. {@code Debian GNU/Linux 12 (bookworm), Linux 6.1.0 amd64} */
    static String os() {
        String pretty = lines("/etc/os-release").stream().filter(line -> line.startsWith("PRETTY_NAME="))
                .map(line -> line.substring("PRETTY_NAME=".length()).replace("\"", "")).findFirst()
                .orElse(System.getProperty("os.name"));
        return pretty + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
    }

    /** @return e.g. {@code OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1} */
    static String jdk() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    /**
     * @return the collector, heap and JIT options the benchmark JVM runs with (from {@code RuntimeMXBean}'s input
     *         arguments, the argument file expanded), e.g. {@code -XX:+UseSerialGC -Xms96m -Xmx1g
     *         -XX:TieredStopAtLevel=1}; "JVM defaults" when none is set
     */
    static String jvmOptions() {
        List<String> shown = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.matches(
                        "-XX:\\+Use\\w+GC|-Xm[sx]\\w+|-XX:TieredStopAtLevel=\\d|-XX:CICompilerCount=\\d+"))
                .toList();
        return shown.isEmpty() ? "JVM defaults" : "`" + String.join(" ", shown) + "`";
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}
