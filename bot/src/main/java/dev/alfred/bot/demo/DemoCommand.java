package dev.alfred.bot.demo;

import com.slack.api.app_backend.SlackSignature;
import dev.alfred.agents.runs.Run;
import dev.alfred.agents.runs.RunRepository;
import dev.alfred.agents.runs.RunStatus;
import dev.alfred.bot.config.AlfredSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code ./alfred demo [--yes] "<task>"}: the whole flow offline, in this process. Starts {@link LocalSlack}, starts
 * Alfred on a free port with an H2 database in a temporary directory, sends a signed {@code /alfred task} to
 * Alfred's own {@code /slack/events}, prints the thread as it unfolds, and ends with {@code Final answer:} and the
 * answer. Without {@code OPENAI_BASE_URL} the model is the scripted offline demo model, and the output says so.
 */
public final class DemoCommand {
    /** How long the demo waits for the run to end. */
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final String CHANNEL = "CDEMO";
    private static final String USER = "UDEMO";

    private final PrintStream out;
    private final Map<String, String> env;

    public DemoCommand(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    /**
     * @param args the arguments after {@code demo}: optional {@code --yes}, then the task
     * @return the process exit status: 0 when the run succeeded, 1 when it did not, 2 for bad arguments
     */
    public int run(List<String> args) throws Exception {
        List<String> words = args.stream().filter(arg -> !arg.equals("--yes")).toList();
        String task = String.join(" ", words).strip();
        if (task.isEmpty()) {
            out.println("usage: ./alfred demo [--yes] \"<task>\"");
            return 2;
        }
        Path home = Files.createTempDirectory("alfred-demo-");
        try (LocalSlack slack = LocalSlack.start()) {
            String secret = UUID.randomUUID().toString();
            slack.onCall(new ThreadPrinter(out, USER)::print);
            Map<String, Object> properties = properties(home, slack, secret);
            out.println("Alfred demo: local Slack stand-in at " + slack.apiUrl() + ", database in " + home);
            out.println("Model: " + (properties.get("alfred.model.provider").equals("demo")
                    ? "offline demo model (scripted, not a real LLM; set OPENAI_BASE_URL to use a real one)"
                    : properties.get("alfred.model.name") + " at " + properties.get("alfred.model.base-url")));
            try (ApplicationContext context = Micronaut.build(new String[0]).banner(false).properties(properties).start()) {
                int port = context.getBean(EmbeddedServer.class).getPort();
                out.println("You: /alfred task " + task);
                String ack = sendSlashCommand(port, secret, "task " + task);
                out.println("Alfred (only visible to you): " + ThreadPrinter.plain(ackText(ack)));
                return awaitAnswer(context.getBean(RunRepository.class));
            }
        }
    }

    private Map<String, Object> properties(Path home, LocalSlack slack, String secret) {
        Map<String, String> demoEnv = new LinkedHashMap<>(env);
        demoEnv.put("ALFRED_HOME", home.toString());
        demoEnv.remove("ALFRED_DB_URL");
        Map<String, Object> properties = new AlfredSettings(demoEnv, home).toProperties();
        properties.put("micronaut.server.port", -1);
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("alfred.slack.bot-token", "xoxb-demo");
        properties.put("alfred.slack.signing-secret", secret);
        properties.put("alfred.slack.api-url", slack.apiUrl());
        if (!properties.containsKey("alfred.model.base-url")) {
            properties.put("alfred.model.provider", "demo");
            properties.put("alfred.model.demo-url", slack.statusPageUrl());
        } else {
            properties.put("alfred.model.provider", "openai");
            properties.putIfAbsent("alfred.model.name", "gpt-4o-mini");
        }
        properties.put("logger.levels.root", env.getOrDefault("ALFRED_DEMO_LOG_LEVEL", "ERROR"));
        return properties;
    }

    private String sendSlashCommand(int port, String secret, String text) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", "demo");
        fields.put("team_id", "TDEMO");
        fields.put("channel_id", CHANNEL);
        fields.put("channel_name", "demo");
        fields.put("user_id", USER);
        fields.put("user_name", "you");
        fields.put("command", "/alfred");
        fields.put("text", text);
        fields.put("trigger_id", "demo." + UUID.randomUUID());
        fields.put("response_url", "http://127.0.0.1/unused");
        String body = form(fields);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", new SlackSignature.Generator(secret).generate(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Alfred answered the slash command with HTTP " + response.statusCode()
                    + ": " + response.body());
        }
        return response.body();
    }

    private int awaitAnswer(RunRepository runs) throws InterruptedException {
        Instant deadline = Instant.now().plus(RUN_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Optional<Run> run = runs.findAll().stream().findFirst();
            if (run.isPresent() && run.get().status().isTerminal()) {
                return report(run.get());
            }
            Thread.sleep(200);
        }
        out.println("The run did not finish within " + RUN_TIMEOUT.toMinutes() + " minutes.");
        return 1;
    }

    private int report(Run run) {
        out.println();
        if (run.status() == RunStatus.SUCCEEDED) {
            out.println("Final answer:");
            out.println(run.finalAnswer());
            return 0;
        }
        out.println("Run " + run.id() + " ended " + run.status() + ": " + run.failureReason());
        return 1;
    }

    private static String ackText(String ack) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(ack).path("text").asText(ack);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return ack;
        }
    }

    private static String form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }
}
