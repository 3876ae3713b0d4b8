package dev.alfred.bot.slack.command;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import dev.alfred.agents.catalog.AgentCatalog;
import dev.alfred.agents.catalog.AgentDefaults;
import dev.alfred.agents.catalog.AgentDefinition;
import dev.alfred.bot.intake.IntakeResult;
import dev.alfred.bot.intake.TaskIntake;
import dev.alfred.bot.intake.TaskRequest;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * {@code /alfred review <owner/repo#n | PR URL>}: starts a review run of the boss ({@value AgentDefaults#BOSS}) whose
 * task has every reviewer agent (codename {@code reviewer-*}) review the pull request's diff in a sub-run of its own,
 * then merge their findings and post one review with {@code github_create_review}, which waits for approval
 * (DESIGN.md section 4, "Reviews"). Recorded and enqueued through {@link TaskIntake} like a task.
 */
@Singleton
public class ReviewCommand {
    private final TaskIntake intake;
    private final AgentCatalog agents;

    public ReviewCommand(TaskIntake intake, AgentCatalog agents) {
        this.intake = intake;
        this.agents = agents;
    }

    /** @return the ephemeral answer to {@code /alfred review <text>}, Slack mrkdwn */
    public String start(SlashCommandPayload payload, String text) {
        Optional<PullRequestRef> pull = PullRequestRef.parse(text);
        if (pull.isEmpty()) {
            return "Which pull request? `/alfred review owner/repo#123` or `/alfred review "
                    + "https://github.com/owner/repo/pull/123`.";
        }
        List<String> reviewers = agents.all().stream().map(AgentDefinition::name)
                .filter(name -> name.startsWith(AgentDefaults.REVIEWER_PREFIX)).toList();
        if (reviewers.isEmpty()) {
            return "I have no reviewer agents (codenames starting with `" + AgentDefaults.REVIEWER_PREFIX + "`); "
                    + "add one to `ALFRED_AGENTS_DIR`.";
        }
        IntakeResult result = intake.accept(new TaskRequest("slack:command:" + payload.getTriggerId(),
                AgentDefaults.BOSS, task(pull.get(), reviewers), payload.getTeamId(), payload.getChannelId(),
                payload.getUserId()));
        if (result instanceof IntakeResult.Accepted accepted) {
            return "Reviewing " + pull.get() + ": run `" + accepted.run().id() + "` with " + String.join(", ",
                    reviewers) + ". I'll work in a thread in this channel; the review is posted after you approve it.";
        }
        return result instanceof IntakeResult.Refused refused ? refused.reason()
                : "I already have this request; see its thread.";
    }

    /** @return the review run's task: plain text for the boss, naming the reviewers and the steps */
    static String task(PullRequestRef pull, List<String> reviewers) {
        return "Review pull request " + pull + ".\n"
                + "1. For each reviewer, one after the other: " + String.join(", ", reviewers) + ", call delegate "
                + "with that agent and the brief \"Review pull request " + pull + " (repo " + pull.repo()
                + ", number " + pull.number() + ") for your focus; report your findings as path:line: "
                + "severity: finding, or No findings.\"\n"
                + "2. Merge their findings: keep each problem once (the same file, line and problem from several "
                + "reviewers is one finding), keep its file and line, drop what you cannot find in the diff "
                + "(github_get_pull_request_diff).\n"
                + "3. Post one review with github_create_review on repo " + pull.repo() + ", number " + pull.number()
                + ": a short summary naming the reviewers, and one inline comment per finding at its file and line "
                + "(event REQUEST_CHANGES when a finding is high severity, else COMMENT).\n"
                + "4. Answer with the summary and the review's link.";
    }
}
