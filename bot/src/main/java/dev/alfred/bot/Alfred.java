package dev.alfred.bot;

import dev.alfred.bot.audit.AuditCommand;
import dev.alfred.bot.config.AlfredSettings;
import dev.alfred.bot.demo.DemoCommand;
import dev.alfred.agents.PolicySource;
import dev.alfred.agents.trigger.TriggerFileException;
import dev.alfred.agents.trigger.TriggerFiles;
import dev.alfred.policies.PolicyFileException;
import dev.alfred.policies.PolicyFiles;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.core.io.service.MicronautMetaServiceLoaderUtils;
import io.micronaut.runtime.Micronaut;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;

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
        // Micronaut's scan of the jar's META-INF/micronaut service entries (it indexes the 28,000-entry jar as a zip
        // file system, 0.1-0.2 s; Micronaut keeps the result per class loader, so Micronaut.build() finds it done) runs
        // on a thread of its own while this one configures logging and checks the policy and trigger files (Jackson,
        // YAML and the JSON schemas, 0.1-0.2 s); then that thread opens the jar's zip file system for Micronaut's
        // configuration reads (see openJarFileSystem). Issue 22, start-up under 1.5 s; figures from class-load
        // timelines.
        CompletableFuture<Void> scanned = new CompletableFuture<>();
        Thread early = new Thread(() -> {
            try {
                MicronautMetaServiceLoaderUtils.findMicronautMetaServiceEntries(Alfred.class.getClassLoader(),
                        ApplicationContextConfigurer.class.getName());
            } catch (IOException | RuntimeException e) {
                // Micronaut scans again, and reports what fails, in Micronaut.build().
            } finally {
                scanned.complete(null);
            }
            openJarFileSystem();
        }, "alfred-early-scan");
        early.setDaemon(true);
        early.start();
        Files.createDirectories(settings.home());
        LoggerFactory.getILoggerFactory();
        String invalid = configurationProblem();
        if (invalid != null) {
            System.err.println("Alfred cannot start: " + invalid);
            System.exit(2);
        }
        scanned.join();
        Micronaut micronaut = Micronaut.build(new String[0]).mainClass(Alfred.class).banner(false)
                .properties(settings.toProperties());
        micronaut.start();
    }

    /**
     * Opens Alfred's jar as a zip file system and leaves it open for the life of the process. Micronaut reads its
     * configuration files from the jar through {@code FileSystems.getFileSystem(URI)}, and opens the jar itself when
     * none is open: indexing the fat jar's 28,000 entries took about 0.1 s of start-up's main thread (a class-load
     * timeline, issue 22). Nothing happens when Alfred does not run from a jar or the file system is open already.
     */
    private static void openJarFileSystem() {
        try {
            URI location = Alfred.class.getProtectionDomain().getCodeSource().getLocation().toURI();
            if (location.getScheme().equals("file") && location.getPath().endsWith(".jar")) {
                FileSystems.newFileSystem(URI.create("jar:" + location), Map.of());
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // Micronaut opens it itself when it first reads from the jar.
        }
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
