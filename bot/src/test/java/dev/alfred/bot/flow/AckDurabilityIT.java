package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.support.AlfredProcess;
import dev.alfred.bot.support.FakeOpenAi;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Every acknowledged request is recorded, on the embedded H2 database too: Alfred runs as a real process on an H2
 * file, three {@code /alfred task} commands are acknowledged, and the process is killed with SIGKILL the moment the
 * last ack arrives (no shutdown hook runs). A new process on the same file must find and finish all three runs. The
 * model holds every call of the first process, so only the second can have answered.
 */
class AckDurabilityIT {
    private static final String SECRET = "ack-durability-secret";
    private static final List<String> TASKS = List.of("durable one", "durable two", "durable three");

    @Test
    void tasksAcknowledgedJustBeforeAKillAreFinishedByTheNextProcess() throws Exception {
        Path home = Files.createTempDirectory("alfred-ack-durability");
        CountDownLatch firstProcessGone = new CountDownLatch(1);
        try (LocalSlack slack = LocalSlack.start(); FakeOpenAi model = FakeOpenAi.start()) {
            model.respondWith(request -> {
                try {
                    firstProcessGone.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new FakeOpenAi.Text("finished after the restart");
            });
            Map<String, String> env = env(home, slack, model);
            AlfredProcess first = AlfredProcess.serve("ack-durability-first", env);
            List<CompletableFuture<HttpResponse<String>>> acks = new ArrayList<>();
            for (String task : TASKS) {
                acks.add(CompletableFuture.supplyAsync(() -> command(first, task)));
            }
            for (CompletableFuture<HttpResponse<String>> ack : acks) {
                assertThat(ack.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            first.kill();
            firstProcessGone.countDown();

            try (AlfredProcess second = AlfredProcess.serve("ack-durability-second", env)) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                        .untilAsserted(() -> assertThat(slack.calls("chat.postMessage"))
                                .filteredOn(call -> String.valueOf(call.arg("text"))
                                        .contains("finished after the restart"))
                                .hasSize(TASKS.size()));
            }
        }
    }

    private static HttpResponse<String> command(AlfredProcess alfred, String task) {
        try {
            return alfred.user(SECRET, "U1").command("C1", "task " + task);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> env(Path home, LocalSlack slack, FakeOpenAi model) {
        Map<String, String> env = AlfredProcess.serveEnv(home, SECRET, slack, model, null);
        env.put("HOME", home.toString());
        return env;
    }
}
