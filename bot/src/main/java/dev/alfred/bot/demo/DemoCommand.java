package dev.alfred.bot.demo;

import dev.alfred.agents.run.Run;
import dev.alfred.agents.outbox.Outbox;
import dev.alfred.agents.run.RunRepository;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.config.AlfredSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.UUID;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./alfred demo [--yes] "<task>"}: the whole flow offline, in this process. Starts {@link LocalSlack}, starts
 * Alfred on a free port with an H2 database in a temporary directory, sends a signed {@code /alfred task} to
 * Alfred's own {@code /slack/events}, prints the thread as it unfolds, answers Alfred's question and decides its
 * approval cards ({@link DemoPerson}: at the terminal's prompt, or by itself with {@code --yes} or without a
 * terminal), and ends with {@code Final answer:} and the answer. With {@code --example code} the task is
 * {@link CodeExample}'s: the engineering agent fixes a failing test in a local repository and pushes a branch.
 * Without {@code OPENAI_BASE_URL} the model is the scripted offline demo model, and the output says so.
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
        boolean yes = args.contains("--yes");
        int example = args.indexOf("--example");
        boolean code = example >= 0 && example + 1 < args.size() && args.get(example + 1).equals("code");
        List<String> words = args.stream().filter(arg -> !arg.equals("--yes")).toList();
        String task = code ? CodeExample.TASK : String.join(" ", words).strip();
        if (task.isEmpty() || example >= 0 && !code) {
            out.println("usage: ./alfred demo [--yes] \"<task>\"\n       ./alfred demo [--yes] --example code");
            return 2;
        }
        Path home = Files.createTempDirectory("alfred-demo-");
        try (LocalSlack slack = LocalSlack.start()) {
            String secret = UUID.randomUUID().toString();
            slack.onCall(new ThreadPrinter(out, USER)::print);
            Map<String, Object> properties = properties(home, slack, secret);
            CodeExample repository = code ? CodeExample.create(home) : null;
            if (repository != null) {
                properties.put("alfred.workspace.git-url", repository.gitUrl());
                properties.put("alfred.model.demo-repo", CodeExample.REPO);
                out.println("Demo repository " + CodeExample.REPO + " (a failing test) at " + repository.gitUrl());
            }
            out.println("Alfred demo: local Slack stand-in at " + slack.apiUrl() + ", database in " + home);
            out.println("Model: " + (properties.get("alfred.model.provider").equals("demo")
                    ? "offline demo model (scripted, not a real LLM; set OPENAI_BASE_URL to use a real one)"
                    : properties.get("alfred.model.name") + " at " + properties.get("alfred.model.base-url")));
            try (ApplicationContext context = Micronaut.build(new String[0]).banner(false).properties(properties).start()) {
                int port = context.getBean(EmbeddedServer.class).getPort();
                SlackUser you = new SlackUser(port, secret, "TDEMO", USER);
                out.println("You: /alfred task " + task);
                HttpResponse<String> ack = you.command(CHANNEL, "task " + task);
                if (ack.statusCode() != 200) {
                    out.println("Alfred answered the slash command with HTTP " + ack.statusCode() + ": " + ack.body());
                    return 1;
                }
                out.println("Alfred (only visible to you): " + ThreadPrinter.plain(ackText(ack.body())));
                DemoPerson person = new DemoPerson(you, slack, CHANNEL, out, yes ? null : System.console());
                int status = awaitAnswer(context.getBean(RunRepository.class), context.getBean(Outbox.class), person);
                if (repository != null) {
                    out.println("Branches of " + CodeExample.REPO + " now: " + String.join(", ",
                            repository.branches()));
                }
                return status;
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
        // The demo's http_get reads the local stand-in's status page, an internal address: allowed by name here only.
        String statusPage = "127.0.0.1:" + java.net.URI.create(slack.statusPageUrl()).getPort();
        properties.merge("alfred.http.allow", statusPage, (given, demo) -> given + "," + demo);
        if (!properties.containsKey("alfred.model.base-url")) {
            properties.put("alfred.model.provider", "demo");
            properties.put("alfred.model.demo-url", slack.statusPageUrl());
        } else {
            properties.put("alfred.model.provider", "openai");
            properties.putIfAbsent("alfred.model.name", "gpt-4o-mini");
        }
        properties.put("alfred.model.demo-channel", CHANNEL);
        properties.put("alfred.jobs.poll-interval", "5s");
        properties.put("logger.levels.root", env.getOrDefault("ALFRED_DEMO_LOG_LEVEL", "ERROR"));
        return properties;
    }

    private int awaitAnswer(RunRepository runs, Outbox outbox, DemoPerson person) throws Exception {
        Instant deadline = Instant.now().plus(RUN_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Optional<Run> run = runs.findAll().stream().findFirst();
            // The thread is complete once the run has ended and its last messages left the outbox.
            if (run.isPresent() && run.get().status().isTerminal() && outbox.pending(run.get().id()) == 0) {
                return report(run.get());
            }
            person.respond();
            Thread.sleep(100);
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

}
