package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.support.SlackRequests;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as {@code ./alfred serve} runs it: configuration from environment variables only, refusal to
 * start without the Slack secrets, and a healthy server that answers a signed slash command.
 */
class ServeCommandIT {
    private static final Path JAR = Path.of("target", "alfred.jar");

    private static ProcessBuilder serve(Map<String, String> env, Path log) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Dfile.encoding=UTF-8", "-jar", JAR.toString(), "serve")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Serves on {@code port} with a fresh {@code home} against {@code slack}; started, not yet awaited. */
    private static Process serveOn(int port, Path home, LocalSlack slack, Path log) throws IOException {
        return serve(Map.of("PORT", String.valueOf(port), "ALFRED_HOME", home.toString(),
                "SLACK_BOT_TOKEN", "xoxb-serve", "SLACK_SIGNING_SECRET", "serve-secret",
                "SLACK_API_URL", slack.apiUrl(), "HOME", home.toString()), log).start();
    }

    /** @return the first 200 of {@code GET /health} on {@code port}, polled for up to 60 s */
    private static HttpResponse<String> awaitHealthy(int port) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> http.send(health, HttpResponse.BodyHandlers.ofString()),
                        response -> response.statusCode() == 200);
    }

    @Test
    void serveRefusesToStartWithoutTheSlackSecretsAndNamesThem() throws Exception {
        Path log = Files.createTempFile("alfred-serve", ".log");
        Process process = serve(Map.of("HOME", Files.createTempDirectory("home").toString()), log).start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log)).contains("Alfred cannot start", "SLACK_BOT_TOKEN",
                "SLACK_SIGNING_SECRET");
    }

    @Test
    void anInvalidPolicyFileStopsStartUpNamingTheFileTheLineAndTheReason() throws Exception {
        Path policies = Files.createTempDirectory("alfred-policies");
        Files.writeString(policies.resolve("ops.yml"), "rules:\n  - id: deploys\n    decison: allow\n");

        assertThat(logOfRefusedStart("ALFRED_POLICIES_DIR", policies)).contains("Alfred cannot start: invalid policy: "
                + policies.resolve("ops.yml") + " line 3: at rules[0]: unknown key 'decison'")
                .doesNotContain("Exception");
    }

    @Test
    void anInvalidTriggerFileStopsStartUpNamingTheFileTheLineAndTheReason() throws Exception {
        Path triggers = Files.createTempDirectory("alfred-triggers");
        Files.writeString(triggers.resolve("alerts.yml"), "agent: lucius\nsecret_env: ALERTS_SECRET\nbogus: 1\n");

        assertThat(logOfRefusedStart("ALFRED_TRIGGERS_DIR", triggers)).contains("Alfred cannot start: invalid webhook "
                + "trigger: " + triggers.resolve("alerts.yml") + " line 3: unknown key 'bogus'")
                .doesNotContain("Exception");
    }

    /** @return the log of {@code serve} with {@code variable} set to {@code directory}, which must exit with 2 */
    private static String logOfRefusedStart(String variable, Path directory) throws Exception {
        Path home = Files.createTempDirectory("alfred-home");
        Path log = Files.createTempFile("alfred-serve", ".log");
        Process process = serve(Map.of("HOME", home.toString(), "ALFRED_HOME", home.toString(),
                "SLACK_BOT_TOKEN", "xoxb-serve", "SLACK_SIGNING_SECRET", "serve-secret", "PORT", "0",
                "SLACK_API_URL", "http://127.0.0.1:9/api/", variable, directory.toString()), log).start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        return Files.readString(log);
    }

    @Test
    void serveBecomesHealthyOnPortAndAnswersSignedCommands() throws Exception {
        int port = freePort();
        Path home = Files.createTempDirectory("alfred-home");
        Path log = Files.createTempFile("alfred-serve", ".log");
        try (LocalSlack slack = LocalSlack.start()) {
            Process process = serveOn(port, home, slack, log);
            try {
                HttpResponse<String> healthy = awaitHealthy(port);
                assertThat(new ObjectMapper().readTree(healthy.body()).path("status").asText()).isEqualTo("UP");
                assertThat(new File(home.toFile(), "db")).isDirectory();

                HttpResponse<String> help = new SlackRequests(port, "serve-secret").command("help");

                assertThat(help.statusCode()).isEqualTo(200);
                assertThat(help.body()).contains("/alfred task");
                assertThat(slack.calls("auth.test")).isNotEmpty();
            } finally {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).doesNotContain("serve-secret", "xoxb-serve");
    }

    @Test
    void aGracefulStopOnTheH2FileGivesBackItsWorkerBeforeTheDatabaseCloses() throws Exception {
        int port = freePort();
        Path home = Files.createTempDirectory("alfred-home");
        Path log = Files.createTempFile("alfred-serve", ".log");
        try (LocalSlack slack = LocalSlack.start()) {
            Process process = serveOn(port, home, slack, log);
            try {
                awaitHealthy(port);
            } finally {
                process.destroy();
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }

        // H2's own shutdown hook used to close the database first: the heartbeat's row stayed and the log said so.
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).doesNotContain("Database is already closed",
                "could not give back this process's leases");
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + home.resolve("db").resolve("alfred")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
                ResultSet workers = db.createStatement().executeQuery("SELECT count(*) FROM workers")) {
            workers.next();
            assertThat(workers.getInt(1)).as("heartbeat rows left by the stopped process").isZero();
        }
    }
}
