package dev.alfred.bot.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.ImageContainer;
import dev.alfred.bot.support.SlackRequests;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The container image {@code docker/build-image} makes, run as a container runs it, without a container engine
 * ({@link ImageContainer}: its layers unpacked, its entrypoint and command under bubblewrap as its user): it becomes
 * healthy, answers a signed {@code /alfred task} whose answer reaches the fake Slack, and stops cleanly on SIGTERM.
 * {@code ALFRED_TEST_IMAGE} names the archive ({@code .ci/run} sets it after building the image, and there a missing
 * archive fails the test); without it, e.g. on a developer's machine, the test is skipped.
 */
@EnabledIfEnvironmentVariable(named = "ALFRED_TEST_IMAGE", matches = ".+",
        disabledReason = "ALFRED_TEST_IMAGE is unset: build the image with docker/build-image and point "
                + "ALFRED_TEST_IMAGE at target/image/alfred-image.tar (.ci/run does both)")
class ContainerImageIT {
    private static final String SECRET = "image-secret";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static ImageContainer.Unpacked image;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Path.of(System.getenv("ALFRED_TEST_IMAGE"));
        assertThat(archive).as("the image archive ALFRED_TEST_IMAGE names").isRegularFile();
        image = ImageContainer.unpack(archive);
    }

    @AfterAll
    static void delete() throws Exception {
        if (image != null) {
            image.delete();
        }
    }

    @Test
    void theImageRunsAsItsUserWithItsJreAndArchive() {
        assertThat(image.config().path("User").asText()).isEqualTo("10001:10001");
        assertThat(image.env("ALFRED_HOME")).contains("/var/lib/alfred");
        assertThat(image.config().path("ExposedPorts").has("3000/tcp")).isTrue();
        assertThat(image.command()).last().isEqualTo("serve");
        assertThat(String.join(" ", image.command()))
                .contains("-XX:SharedArchiveFile=/opt/alfred/alfred.jsa", "-jar /opt/alfred/alfred.jar");
        for (String file : new String[] {"usr/bin/java", "usr/bin/git", "usr/bin/bwrap", "usr/bin/wget",
                "opt/alfred/alfred.jar", "opt/alfred/alfred.jsa"}) {
            assertThat(image.root().resolve(file)).as(file).exists();
        }
    }

    @Test
    void theImageBecomesHealthyAnswersASignedTaskAndStopsCleanlyOnSigterm() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (LocalSlack slack = LocalSlack.start(); FakeOpenAi model = FakeOpenAi.start()) {
            model.then(new FakeOpenAi.Text("The image answers from its container."));
            long started = System.nanoTime();
            try (ImageContainer container = image.run(Map.of("PORT", String.valueOf(port),
                    "SLACK_BOT_TOKEN", "xoxb-image", "SLACK_SIGNING_SECRET", SECRET,
                    "SLACK_API_URL", slack.apiUrl(), "OPENAI_BASE_URL", model.baseUrl(),
                    "OPENAI_API_KEY", "sk-test", "ALFRED_MODEL", "fake-model"))) {
                HttpClient http = HttpClient.newHttpClient();
                HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .build();
                try {
                    await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                            .failFast(() -> !container.isAlive())
                            .until(() -> http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
                } catch (ConditionTimeoutException | TerminalFailureException e) {
                    throw new AssertionError("not healthy:\n" + container.logText(), e);
                }
                System.out.printf("ContainerImageIT: /health 200 %d ms after the container started%n",
                        Duration.ofNanos(System.nanoTime() - started).toMillis());
                assertThat(container.logText()).doesNotContain("Error occurred during initialization",
                        "shared archive file");

                HttpResponse<String> ack = new SlackRequests(port, SECRET).command("task say hello from the image");
                assertThat(ack.statusCode()).as(container.logText()).isEqualTo(200);
                try {
                    await().atMost(WAIT).until(() -> slack.transcript().stream()
                            .anyMatch(line -> line.contains("The image answers from its container.")));
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError("no answer in the thread " + slack.transcript() + ":\n"
                            + container.logText(), e);
                }
                assertThat(slack.calls("auth.test")).isNotEmpty();

                container.stop();
                Optional<Integer> exit = container.awaitExit(15);
                assertThat(exit).as("stopped within 15 s of SIGTERM:\n%s", container.logText()).isPresent();
                System.out.printf("ContainerImageIT: exit status %d after SIGTERM%n", exit.get());
                assertThat(exit.get()).as("exit status after SIGTERM (JVM: 128 + 15)").isIn(0, 143);
                assertThat(container.logText()).doesNotContain(SECRET, "xoxb-image");
            }
        }
        assertThat(Files.exists(image.root().resolve("var/lib/alfred/db"))).as("H2 in ALFRED_HOME").isTrue();
    }
}
