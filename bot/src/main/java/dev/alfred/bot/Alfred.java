package dev.alfred.bot;

import dev.alfred.bot.audit.AuditCommand;
import dev.alfred.bot.config.AlfredSettings;
import dev.alfred.bot.demo.DemoCommand;
import dev.alfred.agents.PolicySource;
import dev.alfred.agents.trigger.TriggerFileException;
import dev.alfred.agents.trigger.TriggerFiles;
import dev.alfred.policies.PolicyFileException;
import dev.alfred.policies.PolicyFiles;
import io.micronaut.runtime.Micronaut;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Alfred's {@code main}: {@code serve} runs the server, {@code demo "<task>"} runs the offline demo, {@code help}
 * prints usage. The {@code ./alfred} launcher calls this with {@code -Dfile.encoding=UTF-8}.
 */
public final class Alfred {
    private static final String USAGE = """
            usage: alfred <command>
              serve                   run Alfred: HTTP on $PORT (default 3000), jobs in-process
              demo [--yes] "<task>"   run one task end to end, offline, and print the thread
              demo [--yes] --example code
                                      an engineering run offline: a local repository with a failing test is
                                      checked out, fixed, tested in the sandbox and pushed after approval
              audit <run> [--json]    print a run's audit trail from the configured database
              help                    this text
            Configuration is read from environment variables; see README.md.""";

    private Alfred() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        switch (command) {
            case "serve" -> serve();
            case "demo" -> System.exit(new DemoCommand(System.out, System.getenv()).run(rest));
            case "audit" -> System.exit(new AuditCommand(System.out, System.err, System.getenv()).run(rest));
            case "help", "--help", "-h" -> System.out.println(USAGE);
            default -> {
                System.err.println("unknown command '" + command + "'\n" + USAGE);
                System.exit(2);
            }
        }
    }

    private static void serve() throws Exception {
        AlfredSettings settings = new AlfredSettings(System.getenv(), Path.of(System.getProperty("user.home")));
        List<String> missing = settings.missingForServe();
        if (!missing.isEmpty()) {
            System.err.println("Alfred cannot start: set " + String.join(" and ", missing)
                    + " (from your Slack app's settings; see README.md, \"Create the Slack app\").");
            System.exit(2);
        }
        // The policy and trigger files are checked on a thread of their own while Micronaut is built (logback and
        // its service scan) on this one: the check loads Jackson, YAML and the JSON schemas, about 0.1-0.2 s that
        // start-up otherwise spent before Micronaut began (issue 22, start-up under 1.5 s). Nothing starts serving
        // before the check has passed.
        CompletableFuture<String> problem = CompletableFuture.supplyAsync(Alfred::configurationProblem,
                runnable -> {
                    Thread thread = new Thread(runnable, "alfred-config-check");
                    thread.setDaemon(true);
                    thread.start();
                });
        Files.createDirectories(settings.home());
        Micronaut micronaut = Micronaut.build(new String[0]).mainClass(Alfred.class).banner(false)
                .properties(settings.toProperties());
        String invalid = problem.join();
        if (invalid != null) {
            System.err.println("Alfred cannot start: " + invalid);
            System.exit(2);
        }
        micronaut.start();
    }

    /**
     * @return what is wrong with the policy files ({@code ALFRED_POLICIES_DIR}) or the webhook trigger files
     *         ({@code ALFRED_TRIGGERS_DIR}), as the sentence after "Alfred cannot start: ", or null when both load
     */
    private static String configurationProblem() {
        try {
            PolicyFiles.load(PolicySource.read(System.getenv("ALFRED_POLICIES_DIR")));
        } catch (PolicyFileException e) {
            return "invalid policy: " + e.getMessage();
        }
        try {
            TriggerFiles.load(System.getenv("ALFRED_TRIGGERS_DIR"), System::getenv);
        } catch (TriggerFileException e) {
            return "invalid webhook trigger: " + e.getMessage();
        }
        return null;
    }
}
