package dev.alfred.bot.slack;

import dev.alfred.agents.AgentDefaults;
import dev.alfred.agents.fleet.Fleet;
import dev.alfred.agents.fleet.FleetControl;
import dev.alfred.agents.runs.Run;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * {@code /alfred pause fleet|<agent>}, {@code /alfred resume fleet|<agent>} and {@code /alfred cancel <run>}: the
 * ephemeral answers, in Slack mrkdwn. Access is checked before (policy {@code commands.control}).
 */
@Singleton
public class FleetCommands {
    /** Agent codenames Alfred knows; the agent definitions issue adds more. */
    static final List<String> AGENTS = List.of(AgentDefaults.BOSS);

    private final FleetControl control;

    public FleetCommands(FleetControl control) {
        this.control = control;
    }

    /** @param target {@code fleet} or an agent's codename */
    public String pause(String target, String userId) {
        Optional<String> scope = scope(target);
        if (scope.isEmpty()) {
            return usage("pause", target);
        }
        return control.pause(scope.get(), userId)
                ? ":double_vertical_bar: Paused " + what(target) + ". Running runs stop before their next step and "
                        + "say so in their threads; new tasks are accepted and wait. `/alfred resume " + target
                        + "` lets them continue."
                : what(target) + " was already paused; nothing changed.";
    }

    /** @param target {@code fleet} or an agent's codename */
    public String resume(String target, String userId) {
        Optional<String> scope = scope(target);
        if (scope.isEmpty()) {
            return usage("resume", target);
        }
        int resumed = control.resume(scope.get(), userId);
        String unblocked = "";
        if (target.equals("fleet")) {
            int lifted = control.liftProviderBlock(userId);
            if (lifted >= 0) {
                unblocked = " Lifted the model provider block early; " + lifted + " blocked run(s) continue (if the "
                        + "provider still refuses, the next call blocks the fleet again).";
            }
        }
        if (resumed < 0) {
            return unblocked.isEmpty() ? what(target) + " was not paused; nothing changed." : unblocked.strip();
        }
        return ":arrow_forward: Resumed " + what(target) + "; " + resumed + " paused run(s) continue." + unblocked;
    }

    /** @param runId the run to cancel */
    public String cancel(String runId, String userId) {
        if (runId.isBlank()) {
            return "Which run? `/alfred cancel <run>`; the run id is in the first message of its thread.";
        }
        Optional<Run> run = control.cancel(runId, userId);
        if (run.isEmpty()) {
            return "There is no run `" + SlackText.escape(runId) + "`.";
        }
        return run.get().status().isTerminal() ? "Run `" + runId + "` had already ended ("
                + run.get().status() + "); nothing changed."
                : ":stop_sign: Cancelled run `" + runId + "`; its pending approvals were withdrawn.";
    }

    private static Optional<String> scope(String target) {
        if (target.equals("fleet")) {
            return Optional.of(Fleet.FLEET);
        }
        return AGENTS.contains(target) ? Optional.of(Fleet.agentScope(target)) : Optional.empty();
    }

    private static String what(String target) {
        return target.equals("fleet") ? "the fleet" : "agent `" + target + "`";
    }

    private static String usage(String verb, String target) {
        return (target.isBlank() ? "" : "I don't know `" + SlackText.escape(target) + "`. ") + "Use `/alfred " + verb
                + " fleet` or `/alfred " + verb + " <agent>`; agents: "
                + String.join(", ", AGENTS.stream().map(a -> "`" + a + "`").toList()) + ".";
    }
}
