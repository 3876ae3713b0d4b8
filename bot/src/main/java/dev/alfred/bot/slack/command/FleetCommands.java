package dev.alfred.bot.slack.command;

import dev.alfred.bot.slack.blocks.SlackText;
import dev.alfred.agents.catalog.AgentCatalog;
import dev.alfred.agents.fleet.Fleet;
import dev.alfred.agents.events.FleetControl;
import dev.alfred.agents.events.RunEvents;
import dev.alfred.agents.run.Run;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * {@code /alfred pause fleet|<agent>}, {@code /alfred resume fleet|<agent>} and {@code /alfred cancel <run>}: the
 * ephemeral answers, in Slack mrkdwn. Access is checked before (policy {@code commands.control}).
 */
@Singleton
public class FleetCommands {
    private final FleetControl control;
    private final RunEvents events;
    private final AgentCatalog agents;

    public FleetCommands(FleetControl control, RunEvents events, AgentCatalog agents) {
        this.control = control;
        this.events = events;
        this.agents = agents;
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
        int resumed = events.resumed(scope.get(), userId);
        String unblocked = "";
        if (target.equals("fleet")) {
            int lifted = events.providerBlockLifted(userId);
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
        Optional<Run> run = events.cancelled(runId, userId);
        if (run.isEmpty()) {
            return "There is no run `" + SlackText.escape(runId) + "`.";
        }
        return run.get().status().isTerminal() ? "Run `" + runId + "` had already ended ("
                + run.get().status() + "); nothing changed."
                : ":stop_sign: Cancelled run `" + runId + "`; its pending approvals were withdrawn.";
    }

    private Optional<String> scope(String target) {
        if (target.equals("fleet")) {
            return Optional.of(Fleet.FLEET);
        }
        String name = target.startsWith("@") ? target.substring(1) : target;
        return agents.find(name).map(agent -> Fleet.agentScope(agent.name()));
    }

    private static String what(String target) {
        return target.equals("fleet") ? "the fleet" : "agent `" + target + "`";
    }

    private String usage(String verb, String target) {
        return (target.isBlank() ? "" : "I don't know `" + SlackText.escape(target) + "`. ") + "Use `/alfred " + verb
                + " fleet` or `/alfred " + verb + " <agent>`; agents: "
                + String.join(", ", agents.names().stream().map(a -> "`" + a + "`").toList()) + ".";
    }
}
