package dev.alfred.bot.audit;

import dev.alfred.bot.config.AlfredSettings;
import dev.alfred.bot.slack.command.AuditTimeline;
import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code alfred audit <run> [--json]}: prints one run's audit trail from the configured database
 * ({@code ALFRED_DB_URL}, or the embedded one under {@code ALFRED_HOME}). Read-only: no migrations, no job server,
 * no Slack connection. Exit status 0 when printed, 1 when the run is unknown, 2 on a usage error.
 */
public final class AuditCommand {
    private static final String USAGE = "usage: alfred audit <run-id> [--json]";

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    /**
     * @param env the environment, e.g. {@code System.getenv()}, read as {@code serve} reads it
     */
    public AuditCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** @return the exit status */
    public int run(List<String> args) {
        boolean json = args.contains("--json");
        List<String> runIds = args.stream().filter(arg -> !arg.startsWith("--")).toList();
        if (runIds.size() != 1 || args.stream().anyMatch(arg -> arg.startsWith("--") && !arg.equals("--json"))) {
            err.println(USAGE);
            return 2;
        }
        String runId = runIds.get(0);
        Map<String, Object> properties = new HashMap<>(new AlfredSettings(env,
                Path.of(System.getProperty("user.home"))).toProperties());
        properties.put("alfred.migrations.enabled", false);
        properties.put("alfred.jobs.server-enabled", false);
        properties.put("alfred.jobs.recurring-enabled", false);
        properties.put("alfred.mcp.enabled", false);
        try (ApplicationContext context = ApplicationContext.builder().properties(properties)
                .deduceEnvironment(false).banner(false).start()) {
            AuditTimeline timeline = context.getBean(AuditTimeline.class);
            Optional<String> printed = json ? timeline.json(runId) : timeline.text(runId);
            if (printed.isEmpty()) {
                err.println("there is no run '" + runId + "' in " + properties.get("datasources.default.url"));
                return 1;
            }
            out.print(printed.get());
            out.println();
            return 0;
        }
    }
}
