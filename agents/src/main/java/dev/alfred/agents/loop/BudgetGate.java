package dev.alfred.agents.loop;

import dev.alfred.policies.Mentions;
import dev.alfred.agents.report.Report;
import dev.alfred.agents.report.RunReporter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.spend.CapHit;
import dev.alfred.agents.spend.Spend;
import dev.alfred.policies.Approvers;
import dev.alfred.policies.Policy;
import dev.alfred.policies.PolicyDecision;
import dev.alfred.policies.RiskTier;
import dev.alfred.policies.ToolCallRequest;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spend check before every model turn. A run at a cap parks {@code BLOCKED} behind a budget hold (a staged
 * {@link StagedAction#EXTEND_BUDGET} whose card shows the spend and offers "Extend by $X" and "Stop"); the policy
 * judges the extension as a {@code write} call, so the same approver rules apply as to a write action. An approved
 * extension is added to the run's allowance here, by the worker, exactly once (compare-and-set claim).
 */
@Singleton
public class BudgetGate {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetGate.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Spend spend;
    private final Approvals approvals;
    private final RunStore store;
    private final Policy policy;
    private final RunReporter reporter;
    private final Clock clock;
    private final Parking parking;
    private final Mentions mentions;

    public BudgetGate(Spend spend, Approvals approvals, RunStore store, Policy policy, RunReporter reporter,
            Clock clock, Parking parking, Mentions mentions) {
        this.mentions = mentions;
        this.parking = parking;
        this.spend = spend;
        this.approvals = approvals;
        this.store = store;
        this.policy = policy;
        this.reporter = reporter;
        this.clock = clock;
    }

    /**
     * Says whether the {@code RUNNING} run may take a model turn now, applying an approved extension first.
     *
     * @return {@link Gate#GO}, {@link Gate#PARKED} (now {@code BLOCKED} with a card in its thread), or an end: the
     *         request for an extension expired, was refused, or the policy denies extensions
     */
    Gate check(Run run) {
        Optional<StagedAction> hold = approvals.latestHold(run.id(), StagedAction.EXTEND_BUDGET);
        boolean current = hold.isPresent() && hold.get().stepNo() == run.stepCount();
        if (hold.isPresent() && hold.get().status() == dev.alfred.agents.approvals.StagedActionStatus.APPROVED) {
            extend(run, hold.get());
            run = store.find(run.id()).orElseThrow();
        }
        Optional<CapHit> hit = spend.capReached(run);
        if (hit.isEmpty()) {
            return Gate.GO;
        }
        if (current) {
            StagedAction latest = approvals.find(hold.get().id()).orElseThrow();
            switch (latest.status()) {
                case PENDING -> {
                    return park(run, latest, hit.get());
                }
                case EXPIRED -> {
                    return new Gate.End(RunStatus.FAILED, "it reached " + describe(run, hit.get())
                            + " and nobody extended its budget before the request expired");
                }
                case REJECTED -> {
                    return new Gate.End(RunStatus.CANCELLED, mentions.user(latest.decidedBy()) + " stopped it at "
                            + describe(run, hit.get()));
                }
                default -> {
                    // EXECUTED or WITHDRAWN in this same step: the extension did not cover this cap; ask again.
                }
            }
        }
        PolicyDecision decision = policy.evaluate(new ToolCallRequest(StagedAction.EXTEND_BUDGET, RiskTier.WRITE,
                run.agent(), run.channelId(), run.requesterUserId(), arguments(hit.get())), clock.instant());
        if (decision instanceof PolicyDecision.Deny deny) {
            return new Gate.End(RunStatus.FAILED, "it reached " + describe(run, hit.get()) + " and policy rule `"
                    + deny.ruleId() + "` denies budget extensions: " + deny.reason());
        }
        PolicyDecision.RequireApproval approval = decision instanceof PolicyDecision.RequireApproval required
                ? required : new PolicyDecision.RequireApproval(decision.ruleId(), Approvers.requesterOnly(), null);
        StagedAction staged = approvals.stageHold(run, "budget:" + run.stepCount() + ":" + clock.millis(),
                StagedAction.EXTEND_BUDGET, arguments(hit.get()).toString(), approval,
                "The run reached " + describe(run, hit.get()) + ".");
        return park(run, staged, hit.get());
    }

    /**
     * The spend gate's common case, read-only, for a step about to begin in the same transaction as its situation:
     * true when no approved extension waits to be applied and no cap is reached, so {@link #check} would say
     * {@link Gate#GO} without writing anything.
     *
     * @param actions the run's staged actions and holds, oldest first (as {@link Situation#actions})
     */
    boolean clear(Run run, java.util.List<StagedAction> actions) {
        for (int i = actions.size() - 1; i >= 0; i--) {
            if (actions.get(i).toolName().equals(StagedAction.EXTEND_BUDGET)) {
                if (actions.get(i).status() == dev.alfred.agents.approvals.StagedActionStatus.APPROVED) {
                    return false;
                }
                break;
            }
        }
        return spend.capReached(run).isEmpty();
    }

    private Gate park(Run run, StagedAction hold, CapHit hit) {
        String reason = "it reached " + describe(run, hit) + "; waiting for a budget extension (action " + hold.id()
                + ")";
        if (parking.atSpendCap(run, hold, reason, () -> !approvals.find(hold.id()).orElseThrow().status().isOpen())) {
            return Gate.PARKED;
        }
        return check(store.find(run.id()).orElseThrow());
    }

    private void extend(Run run, StagedAction hold) {
        if (!approvals.claimForExecution(hold)) {
            return;
        }
        BigDecimal amount = new BigDecimal(hold.argument("amountUsd"));
        store.addAllowance(run.id(), amount);
        String who = String.join(" and ", hold.approvals().stream().map(mentions::user).toList());
        approvals.completeHold(hold, "budget.extended", "budget extended by " + Spend.usd(amount) + " by "
                + (who.isEmpty() ? mentions.user(hold.decidedBy()) : who), Map.of("actionId", hold.id(),
                "amountUsd", amount.toPlainString(), "cap", String.valueOf(hold.argument("cap"))));
        try {
            reporter.report(run, new Report.BudgetExtended(hold.approvals(), hold.decidedBy(), amount,
                    run.spendUsd()));
        } catch (RuntimeException e) {
            LOG.warn("could not say in its thread that run {}'s budget was extended: {}", run.id(), e.toString());
        }
    }

    private ObjectNode arguments(CapHit hit) {
        ObjectNode arguments = JSON.createObjectNode();
        arguments.put("amountUsd", spend.extension().toPlainString());
        arguments.put("cap", hit.cap());
        arguments.put("spentUsd", hit.spentUsd().toPlainString());
        arguments.put("limitUsd", hit.limitUsd().toPlainString());
        return arguments;
    }

    private String describe(Run run, CapHit hit) {
        return hit.describe(run.agent(), run.requesterUserId(), mentions);
    }
}
