package dev.alfred.bot.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Alfred as an operator runs it: the packaged jar ({@code target/alfred.jar}) as {@code serve} in its own JVM,
 * configured by environment variables only, on a free port on 127.0.0.1, its output in a log file.
 */
public final class AlfredProcess implements AutoCloseable {
    /** Absolute, as the AppCDS archive records the jar's path and checks it. */
    private static final Path JAR = Path.of("target", "alfred.jar").toAbsolutePath();
    private static final Path OPTIONS = Path.of("src", "main", "jvm", "alfred.jvmoptions").toAbsolutePath();
    private static final Path ARCHIVE = Path.of("target", "alfred.jsa").toAbsolutePath();

    public final String name;
    public final int port;
    public final Path log;
    private final Process process;
    private final long startedAt;
    private long healthyAt;

    private AlfredProcess(String name, int port, Path log, Process process, long startedAt) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
        this.startedAt = startedAt;
    }

    /**
     * Starts {@code serve} with exactly {@code env} (plus {@code PORT} and {@code HOME}) and waits until
     * {@code GET /health} answers 200.
     *
     * @param name a name for logs, e.g. {@code replica-a}
     * @throws IllegalStateException when it does not become healthy within 90 s (its log is in the message)
     */
    public static AlfredProcess serve(String name, Map<String, String> env) throws IOException {
        return serve(name, env, List.of("-Xmx384m"));
    }

    /**
     * Starts {@code serve} as {@link #serve(String, Map)} does, with {@code jvmOptions} instead of {@code -Xmx384m}
     * (an empty list runs it with the JVM's defaults, as {@code ./alfred serve} does).
     */
    public static AlfredProcess serve(String name, Map<String, String> env, List<String> jvmOptions)
            throws IOException {
        return serve(name, env, jvmOptions, List.of());
    }

    /**
     * Starts {@code serve} as {@link #serve(String, Map, List)} does, through {@code launcher}: a command that runs
     * {@code java} with its arguments, e.g. {@code setpriv --reuid=10001 ...} to run it as another user (empty: none).
     */
    public static AlfredProcess serve(String name, Map<String, String> env, List<String> jvmOptions,
            List<String> launcher) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path home = Files.createTempDirectory("alfred-" + name);
        Path log = Files.createTempFile("alfred-" + name, ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(java, "-Dfile.encoding=UTF-8"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        Map<String, String> all = new HashMap<>(env);
        all.put("PORT", String.valueOf(port));
        all.putIfAbsent("HOME", home.toString());
        all.putIfAbsent("ALFRED_HOME", home.toString());
        builder.environment().putAll(all);
        long startedAt = System.nanoTime();
        AlfredProcess alfred = new AlfredProcess(name, port, log, builder.start(), startedAt);
        alfred.awaitHealthy();
        return alfred;
    }

    /**
     * @return the JVM options {@code ./alfred} runs the jar with: the options file {@code alfred.jvmoptions} and the
     *     AppCDS archive {@code target/alfred.jsa}, made here with {@code cds-archive.sh} (as {@code ./alfred} makes
     *     it) when it is missing or older than the jar
     * @throws IOException when the archive cannot be made (the script's output is in the message)
     */
    public static synchronized List<String> launcherOptions() throws IOException {
        if (!Files.exists(ARCHIVE)
                || Files.getLastModifiedTime(ARCHIVE).compareTo(Files.getLastModifiedTime(JAR)) < 0) {
            Path script = OPTIONS.resolveSibling("cds-archive.sh");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process make = new ProcessBuilder("bash", script.toString(), JAR.toString(), ARCHIVE.toString(), java)
                    .redirectErrorStream(true).start();
            String output = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (make.waitFor() != 0) {
                    throw new IOException("cds-archive.sh failed:\n" + output);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while making the AppCDS archive", e);
            }
        }
        return List.of("@" + OPTIONS, "-XX:SharedArchiveFile=" + ARCHIVE, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /**
     * @return the environment of a process that serves Slack through {@code slack} with {@code secret}, asks
     *     {@code model}, keeps {@code ALFRED_HOME} in {@code home}, and uses {@code db} (PostgreSQL), or the H2 file
     *     under {@code home} when {@code db} is null; {@link #launcherEnv()} included. Mutable: callers add to it.
     */
    public static Map<String, String> serveEnv(Path home, String secret, dev.alfred.bot.demo.LocalSlack slack,
            FakeOpenAi model, TestDatabase db) {
        Map<String, String> env = new HashMap<>(launcherEnv());
        env.put("ALFRED_HOME", home.toString());
        env.put("SLACK_BOT_TOKEN", "xoxb-process");
        env.put("SLACK_SIGNING_SECRET", secret);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("OPENAI_BASE_URL", model.baseUrl());
        env.put("OPENAI_API_KEY", "sk-process");
        env.put("ALFRED_MODEL", "fake-model");
        if (db != null) {
            Map<String, Object> properties = db.properties();
            env.put("ALFRED_DB_URL", (String) properties.get("datasources.default.url"));
            env.put("ALFRED_DB_USER", (String) properties.get("datasources.default.username"));
            env.put("ALFRED_DB_PASSWORD", (String) properties.get("datasources.default.password"));
        }
        return env;
    }

    /** @return the environment {@code ./alfred} adds: {@code MALLOC_ARENA_MAX=2} */
    public static Map<String, String> launcherEnv() {
        return Map.of("MALLOC_ARENA_MAX", "2");
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("exited with " + process.exitValue());
                        }
                        return http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                    });
            healthyAt = System.nanoTime();
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException(name + " did not become healthy:\n" + logText(), e);
        }
    }

    /** @return {@link System#nanoTime()} just before the process was spawned */
    public long spawnedAt() {
        return startedAt;
    }

    /**
     * @return from spawning the {@code java} process to its first 200 from {@code GET /health} (polled every 20 ms,
     *     so up to 20 ms late)
     */
    public Duration startup() {
        return Duration.ofNanos(healthyAt - startedAt);
    }

    /** @return the operating system's id of the process, e.g. for {@code /proc/<pid>/status} */
    public long pid() {
        return process.pid();
    }

    /** @return a Slack user signing requests to this process */
    public dev.alfred.bot.demo.SlackUser user(String secret, String userId) {
        return new dev.alfred.bot.demo.SlackUser(port, secret, "T1", userId);
    }

    /** Kills the process with SIGKILL ({@code kill -9}): no shutdown hook, no commit, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** @return whether the process still runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** @return the process's output so far */
    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
