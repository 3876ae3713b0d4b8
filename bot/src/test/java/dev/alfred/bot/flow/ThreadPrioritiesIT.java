package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.support.AlfredProcess;
import dev.alfred.bot.support.FakeOpenAi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Background threads run at nice 10 and the threads that acknowledge Slack requests at nice 0, in a real process
 * started with {@code alfred.jvmoptions} as {@code ./alfred serve} runs it (issue 22; {@code BackgroundThreads}). The
 * nice value is read where the kernel keeps it: field 19 of {@code /proc/<pid>/task/<tid>/stat}, next to the thread's
 * name (its first 15 characters, which HotSpot gives the native thread). When the test runs as root, the process runs
 * as uid 10001, as in the container image, since only root may lower a nice value.
 */
class ThreadPrioritiesIT {
    private static final String SECRET = "thread-priorities-secret";
    /** The container image's user (docker/build-image). */
    private static final String IMAGE_UID = "10001";
    /** What {@code -XX:JavaPriority1_To_OSPriority} in {@code alfred.jvmoptions} makes of {@code MIN_PRIORITY}. */
    private static final int BACKGROUND_NICE = 10;

    /** One thread of the process: its name as the kernel has it, and its nice value. */
    record OsThread(String name, int nice) {
    }

    @Test
    void backgroundThreadsRunAtNice10AndRequestThreadsAtNice0() throws Exception {
        Path home = Files.createTempDirectory("alfred-thread-priorities");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (LocalSlack slack = LocalSlack.start(); FakeOpenAi model = FakeOpenAi.start()) {
            model.respondWith(request -> new FakeOpenAi.Text("prioritised answer"));
            Map<String, String> env = AlfredProcess.serveEnv(home, SECRET, slack, model, null);
            env.put("HOME", home.toString());
            try (AlfredProcess alfred = AlfredProcess.serve("thread-priorities", env,
                    AlfredProcess.launcherOptions(), asImageUser())) {
                for (int i = 0; i < 3; i++) {
                    assertThat(alfred.user(SECRET, "U1").command("C1", "task prioritised " + i).statusCode())
                            .isEqualTo(200);
                }
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                        .untilAsserted(() -> assertThat(slack.calls("chat.postMessage"))
                                .filteredOn(call -> String.valueOf(call.arg("text")).contains("prioritised answer"))
                                .hasSize(3));

                List<OsThread> threads = threads(alfred.pid());
                assertThat(threads).filteredOn(thread -> thread.name().startsWith("blocking-execut"))
                        .isNotEmpty().allSatisfy(thread -> assertThat(thread.nice()).isZero());
                assertThat(threads).filteredOn(thread -> thread.name().startsWith("alfred-worker-h"))
                        .hasSize(1).allSatisfy(thread -> assertThat(thread.nice()).isZero());
                for (String background : List.of("alfred-after-ac", "alfred-fast-pic", "alfred-outbox")) {
                    assertThat(threads).as(background).filteredOn(thread -> thread.name().startsWith(background))
                            .isNotEmpty().allSatisfy(thread -> assertThat(thread.nice()).isEqualTo(BACKGROUND_NICE));
                }
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .untilAsserted(() -> assertThat(threads(alfred.pid()))
                                .filteredOn(thread -> thread.name().startsWith("backgroundjob-w"))
                                .anySatisfy(thread -> assertThat(thread.nice()).isEqualTo(BACKGROUND_NICE)));
            }
        }
    }

    /** @return the command that runs the process as the image's user when this test runs as root; else none */
    private static List<String> asImageUser() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes()).trim();
        id.waitFor();
        return uid.equals("0") ? List.of("setpriv", "--reuid=" + IMAGE_UID, "--regid=" + IMAGE_UID, "--clear-groups")
                : List.of();
    }

    /** @return every thread of process {@code pid}, from {@code /proc/<pid>/task/<tid>/stat} (see proc(5)) */
    static List<OsThread> threads(long pid) throws IOException {
        List<OsThread> threads = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                // Fields after the name start at field 3 (state); nice is field 19.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                threads.add(new OsThread(name, Integer.parseInt(fields[19 - 3])));
            }
        }
        return threads;
    }
}
