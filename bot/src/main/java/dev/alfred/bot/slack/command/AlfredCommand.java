package dev.alfred.bot.slack.command;

import dev.alfred.bot.slack.blocks.OutgoingText;
import dev.alfred.bot.slack.blocks.SlackText;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import dev.alfred.agents.catalog.AgentDefaults;
import dev.alfred.agents.catalog.AgentCatalog;
import dev.alfred.bot.intake.IntakeResult;
import dev.alfred.bot.intake.TaskIntake;
import dev.alfred.bot.intake.TaskRequest;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code /alfred} slash command. Verifies nothing itself (the controller did); checks the policy's command
 * access ({@link CommandAccess}), and acks with an ephemeral message, well inside Slack's 3-second window: no model
 * or tool call happens here. A task's run is recorded before the ack; its thread's root message and its enqueue
 * follow right after ({@link TaskIntake#acceptThenOpen}), and a refusal found then (a channel Alfred cannot post in)
 * reaches the requester through the command's {@code response_url}.
 */
@Singleton
public class AlfredCommand implements SlashCommandHandler {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AlfredCommand.class);
    /** The command name, as in {@code manifest.json}. */
    public static final String COMMAND = "/alfred";

    private final TaskIntake intake;
    private final StatusReport status;
    private final CommandAccess access;
    private final PolicyReport policy;
    private final AuditTimeline audit;
    private final FleetCommands fleet;
    private final AgentCatalog agents;
    private final AgentsReport agentsReport;
    private final ToolsReport toolsReport;
    private final ScheduleCommands schedules;
    private final ReviewCommand review;

    public AlfredCommand(TaskIntake intake, StatusReport status, CommandAccess access, PolicyReport policy,
            AuditTimeline audit, FleetCommands fleet, AgentCatalog agents, AgentsReport agentsReport,
            ToolsReport toolsReport, ScheduleCommands schedules, ReviewCommand review) {
        this.toolsReport = toolsReport;
        this.schedules = schedules;
        this.review = review;
        this.agents = agents;
        this.agentsReport = agentsReport;
        this.fleet = fleet;
        this.intake = intake;
        this.status = status;
        this.access = access;
        this.policy = policy;
        this.audit = audit;
    }

    @Override
    public Response apply(SlashCommandRequest request, SlashCommandContext ctx) {
        SlashCommandPayload payload = request.getPayload();
        String text = payload.getText() == null ? "" : payload.getText().strip();
        String[] words = text.split("\\s+", 2);
        String sub = words[0].toLowerCase(Locale.ROOT);
        String rest = words.length > 1 ? words[1].strip() : "";
        Optional<String> refusal = access.refusal(sub, payload.getUserId(), payload.getChannelId(), text);
        if (refusal.isPresent()) {
            return ctx.ack(":no_entry: " + refusal.get());
        }
        return switch (sub) {
            case "task" -> task(payload, rest, ctx);
            case "review" -> ctx.ack(review.start(payload, rest));
            case "status" -> ctx.ack(rest.isEmpty() ? status.fleet() : status.run(rest));
            case "pause" -> ctx.ack(fleet.pause(rest.toLowerCase(Locale.ROOT), payload.getUserId()));
            case "resume" -> ctx.ack(fleet.resume(rest.toLowerCase(Locale.ROOT), payload.getUserId()));
            case "cancel" -> ctx.ack(fleet.cancel(rest, payload.getUserId()));
            case "agents" -> ctx.ack(agentsReport.list());
            case "tools" -> ctx.ack(toolsReport.list(payload.getUserId(), payload.getChannelId()));
            case "schedule" -> ctx.ack(schedules.handle(rest, payload.getTeamId(), payload.getChannelId(),
                    payload.getUserId(), "slack:command:" + payload.getTriggerId()));
            case "policy" -> ctx.ack(policy.explain(rest, AgentDefaults.BOSS, payload.getUserId(),
                    payload.getChannelId()));
            case "audit" -> ctx.ack(rest.isEmpty() ? "Which run? `/alfred audit <run>`; the run id is in the "
                    + "first message of its thread." : audit.slack(rest.split("\\s+")[0], payload.getUserId(),
                    payload.getChannelId(), access.isNamed("audit")));
            case "", "help" -> ctx.ack(HelpText.HELP);
            default -> ctx.ack(HelpText.forUnknown(sub));
        };
    }

    private Response task(SlashCommandPayload payload, String text, SlashCommandContext ctx) {
        String agent = AgentDefaults.BOSS;
        String task = text;
        if (text.startsWith("@")) {
            String[] parts = text.split("\\s+", 2);
            agent = parts[0].substring(1).toLowerCase(Locale.ROOT);
            task = parts.length > 1 ? parts[1].strip() : "";
            if (agents.find(agent).isEmpty()) {
                return ctx.ack("I have no agent called `" + SlackText.escape(agent) + "`. Agents: "
                        + String.join(", ", agents.names().stream().map(name -> "`@" + name + "`").toList())
                        + " (`/alfred agents` says what each does).");
            }
        }
        if (task.isEmpty()) {
            return ctx.ack("Tell me what to do: `/alfred task [@agent] <what to do>`, e.g. "
                    + "`/alfred task check whether https://status.example.com reports an incident`.");
        }
        TaskRequest request = new TaskRequest("slack:command:" + payload.getTriggerId(), agent, task,
                payload.getTeamId(), payload.getChannelId(), payload.getUserId());
        IntakeResult result = intake.acceptThenOpen(request, refusal -> respondLater(ctx, refusal));
        if (result instanceof IntakeResult.Accepted accepted) {
            return ctx.ack("On it: run `" + accepted.run().id() + "`" + (agent.equals(AgentDefaults.BOSS) ? ""
                    : " with *" + agent + "*") + ". I'll work in a thread in this channel.");
        }
        if (result instanceof IntakeResult.Refused refused) {
            return ctx.ack(refused.reason());
        }
        return ctx.ack("I already have this request; see its thread.");
    }

    /** Tells the requester, after the ack, through the command's {@code response_url} (ephemeral, 30 minutes). */
    private static void respondLater(SlashCommandContext ctx, String text) {
        try {
            ctx.respond(response -> response.responseType("ephemeral").text(OutgoingText.clean(text)));
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("could not tell the requester, through response_url, that their task did not start: {}",
                    e.toString());
        }
    }
}
