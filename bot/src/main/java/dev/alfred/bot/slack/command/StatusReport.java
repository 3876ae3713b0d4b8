package dev.alfred.bot.slack.command;

import dev.alfred.bot.slack.blocks.ApprovalCards;
import dev.alfred.bot.slack.blocks.SlackText;
import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.fleet.Fleet;
import dev.alfred.agents.fleet.FleetPause;
import dev.alfred.agents.fleet.ProviderBlocks;
import dev.alfred.agents.outbox.Outbox;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunRepository;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.StepRepository;
import dev.alfred.agents.spend.Spend;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Texts for {@code /alfred status}: the fleet (pauses, runs by state, pending approvals with links to their
 * threads) or one run (state, steps, why it waits, link). Slack mrkdwn.
 */
@Singleton
public class StatusReport {
    /** Pending approvals listed at most; the rest are counted. */
    static final int PENDING_SHOWN = 10;

    private final RunRepository runs;
    private final Fleet fleet;
    private final Approvals approvals;
    private final ProviderBlocks providerBlocks;
    private final Spend spend;
    private final Outbox outbox;

    public StatusReport(RunRepository runs, Fleet fleet, Approvals approvals, ProviderBlocks providerBlocks,
            Spend spend, Outbox outbox) {
        this.outbox = outbox;
        this.runs = runs;
        this.fleet = fleet;
        this.approvals = approvals;
        this.providerBlocks = providerBlocks;
        this.spend = spend;
    }

    /**
     * Reads everything in one read-only transaction, so one consistent snapshot, one pooled connection and one
     * commit where each of its seven reads had its own: in the ack benchmark (issue 22, eighth round) the
     * acknowledging thread's CPU per {@code /alfred status} on PostgreSQL went from 0.73-0.80 to 0.63 ms and the
     * server's from 0.75-0.78 to 0.62-0.63 ms.
     *
     * @return the fleet's state: pauses, the provider block, runs counted by state, thread messages not delivered
     *         yet, pending approvals, spend today per agent
     */
    @Transactional(readOnly = true)
    public String fleet() {
        StringBuilder text = new StringBuilder();
        List<FleetPause> pauses = fleet.pauses();
        text.append(pauses.isEmpty() ? "*Fleet:* running." : "*Fleet:* " + pauses.stream()
                .map(p -> ":double_vertical_bar: " + p.describe() + " paused by <@" + p.pausedBy() + "> "
                        + ApprovalCards.date(p.pausedAt())).collect(Collectors.joining("; ")) + ".");
        providerBlocks.current().ifPresent(block -> text.append("\n*Model provider:* :no_entry: blocked until ")
                .append(ApprovalCards.date(block.blockedUntil())).append(" (").append(SlackText.escape(block.reason()))
                .append("); runs wait instead of calling it, and continue by themselves."));
        Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
        counts.putAll(runs.countByStatus().stream()
                .collect(Collectors.toMap(c -> RunStatus.valueOf(c.status()), RunRepository.StatusCount::count)));
        text.append(counts.isEmpty() ? "\nNo runs yet. Start one with `/alfred task <what to do>`."
                : "\n*Runs by state:* " + counts.entrySet().stream().map(e -> e.getKey().name() + " " + e.getValue())
                        .collect(Collectors.joining(" · ")));
        text.append(spendToday());
        long waiting = outbox.pending();
        if (waiting > 0) {
            text.append("\n*Slack outbox:* ").append(waiting).append(" thread message(s) waiting to be delivered; "
                    + "they go out in order as Slack accepts them.");
        }
        List<StagedAction> pending = approvals.pending();
        if (!pending.isEmpty()) {
            text.append("\n*Pending approvals (").append(pending.size()).append("):*");
            for (StagedAction action : pending.subList(0, Math.min(PENDING_SHOWN, pending.size()))) {
                Run run = runs.findById(action.runId()).orElse(null);
                text.append("\n• `").append(SlackText.escape(action.toolName())).append("` in run `")
                        .append(action.runId()).append("`, ").append(action.approvalsStillNeeded())
                        .append(" approval(s) needed").append(run == null || run.threadTs() == null ? ""
                                : " — " + threadLink(run));
            }
            if (pending.size() > PENDING_SHOWN) {
                text.append("\n… and ").append(pending.size() - PENDING_SHOWN).append(" more.");
            }
        }
        return text.toString();
    }

    private String spendToday() {
        List<StepRepository.AgentSpend> today = spend.today();
        StringBuilder text = new StringBuilder("\n*Spend today (UTC):* ");
        text.append(today.isEmpty() ? "nothing yet." : today.stream().map(s -> "`" + s.agent() + "` "
                + Spend.usd(s.costUsd()) + " (" + s.turns() + " model turns, " + (s.inputTokens() + s.outputTokens())
                + " tokens)").collect(Collectors.joining(" · ")) + ".");
        List<String> unpriced = spend.unpricedModelsToday();
        if (!unpriced.isEmpty()) {
            text.append(" No price for ").append(unpriced.stream().map(m -> "`" + SlackText.escape(m) + "`")
                    .collect(Collectors.joining(", "))).append(": its tokens are counted at $0 (set "
                    + "`ALFRED_MODEL_PRICES`).");
        }
        return text.toString();
    }

    /**
     * Reads in one read-only transaction, as {@link #fleet} does.
     *
     * @return one run's state, step count, spend, why it waits or failed, and a link to its thread
     */
    @Transactional(readOnly = true)
    public String run(String runId) {
        return runs.findById(runId.strip()).map(this::describe)
                .orElse("There is no run `" + SlackText.escape(runId) + "`.");
    }

    private String describe(Run run) {
        StringBuilder text = new StringBuilder("Run `").append(run.id()).append("` (agent *")
                .append(SlackText.escape(run.agent())).append("*").append(run.isSubRun() ? ", a sub-run of `"
                        + run.parentRunId() + "`" : "").append(") is *").append(run.status())
                .append("* after ").append(run.stepCount()).append(" of at most ").append(run.maxSteps())
                .append(" steps, in <#").append(run.channelId()).append(">, ").append(origin(run));
        if (run.threadTs() != null) {
            text.append(" — ").append(threadLink(run));
        }
        text.append(". It has spent ").append(Spend.usd(run.spendUsd()))
                .append(run.allowanceUsd().signum() > 0 ? " (its budget was extended by "
                        + Spend.usd(run.allowanceUsd()) + ")" : "").append('.');
        switch (run.status()) {
            case WAITING_FOR_REPLY -> text.append(" It waits for <@").append(run.requesterUserId())
                    .append(">'s reply in its thread.");
            case WAITING_FOR_APPROVAL -> approvals.ofRun(run.id()).stream().filter(a -> a.status().isOpen())
                    .forEach(a -> text.append(" It waits for approval of `").append(SlackText.escape(a.toolName()))
                            .append("` (action `").append(a.id()).append("`, ").append(a.approvalsStillNeeded())
                            .append(" approval(s) needed)."));
            case WAITING_FOR_SUBRUN -> runs.findChildren(run.id()).stream()
                    .filter(child -> !child.status().isTerminal())
                    .forEach(child -> text.append(" It waits for *").append(SlackText.escape(child.agent()))
                            .append("* (sub-run `").append(child.id()).append("`, ").append(child.status())
                            .append(")."));
            case PAUSED -> fleet.pauseFor(run).ifPresent(p -> text.append(" ").append(p.describe())
                    .append(" is paused by <@").append(p.pausedBy()).append(">."));
            case BLOCKED -> text.append(" It is blocked: ").append(SlackText.escape(String.valueOf(run.blockReason())))
                    .append('.');
            default -> { }
        }
        if (run.failureReason() != null) {
            text.append(" Reason: ").append(SlackText.escape(run.failureReason()));
        }
        return text.toString();
    }

    /** @return where the run came from, e.g. {@code from schedule `k3v9x2qa` on behalf of <@U1>} */
    static String origin(Run run) {
        String by = "<@" + run.requesterUserId() + ">";
        return dev.alfred.agents.run.RunOrigin.scheduleId(run.origin())
                .map(id -> "from schedule `" + SlackText.escape(id) + "` on behalf of " + by)
                .or(() -> dev.alfred.agents.run.RunOrigin.webhookTrigger(run.origin()).map(trigger -> "from "
                        + (trigger.equals("github") ? "GitHub" : "webhook `" + SlackText.escape(trigger) + "`")
                        + " on behalf of " + by))
                .orElse("asked by " + by);
    }

    /**
     * @return a link to the run's thread; Slack redirects {@code slack.com/archives/<channel>/p<ts>} to the
     *         reader's workspace ("Linking to messages": message {@code ts} without its dot)
     */
    static String threadLink(Run run) {
        return "<https://slack.com/archives/" + run.channelId() + "/p" + run.threadTs().replace(".", "")
                + "|thread>";
    }
}
