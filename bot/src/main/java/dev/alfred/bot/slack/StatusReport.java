package dev.alfred.bot.slack;

import dev.alfred.agents.runs.Run;
import dev.alfred.agents.runs.RunRepository;
import dev.alfred.agents.runs.RunStatus;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Texts for {@code /alfred status}: the fleet's runs by state, or one run. Slack mrkdwn. */
@Singleton
public class StatusReport {
    private final RunRepository runs;

    public StatusReport(RunRepository runs) {
        this.runs = runs;
    }

    /** @return runs counted by state, e.g. {@code RUNNING 2 · SUCCEEDED 10} */
    public String fleet() {
        Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
        counts.putAll(runs.countByStatus().stream()
                .collect(Collectors.toMap(c -> RunStatus.valueOf(c.status()), RunRepository.StatusCount::count)));
        if (counts.isEmpty()) {
            return "No runs yet. Start one with `/alfred task <what to do>`.";
        }
        return "*Runs by state:* " + counts.entrySet().stream()
                .map(e -> e.getKey().name() + " " + e.getValue()).collect(Collectors.joining(" · "));
    }

    /** @return one run's state, step count and failure reason, or a note that it does not exist */
    public String run(String runId) {
        return runs.findById(runId.strip()).map(StatusReport::describe)
                .orElse("There is no run `" + SlackText.escape(runId) + "`.");
    }

    private static String describe(Run run) {
        StringBuilder text = new StringBuilder("Run `").append(run.id()).append("` is *").append(run.status())
                .append("* after ").append(run.stepCount()).append(" of at most ").append(run.maxSteps())
                .append(" steps, in <#").append(run.channelId()).append(">.");
        if (run.failureReason() != null) {
            text.append(" Reason: ").append(SlackText.escape(run.failureReason()));
        }
        return text.toString();
    }
}
