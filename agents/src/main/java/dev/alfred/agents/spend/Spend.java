package dev.alfred.agents.spend;

import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.SpendDayRepository.DaySpend;
import dev.alfred.agents.run.SpendDays;
import dev.alfred.agents.run.StepRepository;
import dev.alfred.agents.run.StepRepository.AgentSpend;
import dev.alfred.agents.run.TurnUsage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.context.annotation.Context;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Meters model turns and checks the spend caps ({@link SpendSettings}). Caps are checked before each model turn and
 * a turn's cost is known only after it, so a run goes past a cap by at most the one turn that crossed it. Day caps
 * sum every run of the agent or requester: runs that take turns at the same moment may each cross it by a turn.
 * They are read from the day counters ({@link SpendDays}) that each turn's commit adds to, so the check costs one
 * primary-key query however many turns the day has had. Created at start-up ({@link Context}), so a price table
 * that does not parse stops Alfred from starting.
 */
@Context
public class Spend {
    private final SpendSettings settings;
    private final PriceTable prices;
    private final StepRepository steps;
    private final SpendDays days;
    private final Clock clock;

    /**
     * @param clock gives "today" (its UTC day) for the day caps and reports
     * @throws IllegalArgumentException when {@code alfred.spend.prices} does not parse
     */
    public Spend(SpendSettings settings, StepRepository steps, SpendDays days, Clock clock) {
        this.settings = settings;
        this.prices = PriceTable.parse(settings.getPrices());
        this.steps = steps;
        this.days = days;
        this.clock = clock;
    }

    /** @return what a turn of {@code model} with these token counts used and cost; 0 for an unpriced model */
    public TurnUsage meter(String model, @Nullable Integer inputTokens, @Nullable Integer outputTokens) {
        Optional<PriceTable.Price> price = prices.priceOf(model);
        return new TurnUsage(inputTokens, outputTokens, model,
                price.map(p -> p.cost(inputTokens, outputTokens)).orElse(BigDecimal.ZERO), price.isPresent());
    }

    /**
     * @return the first cap the run has reached (its own budget, then its agent's day, then its requester's day), or
     *         empty when it may take another turn. Extensions granted to the run raise each cap for it. Day caps
     *         count the turns finished on the clock's current UTC day, each under its own run's agent and requester
     *         (a sub-run's turns under the sub-run's): at most one query, by primary key ({@link SpendDays#on}).
     */
    @Transactional(readOnly = true)
    public Optional<CapHit> capReached(Run run) {
        BigDecimal allowance = run.allowanceUsd();
        BigDecimal runCap = run.budgetUsd() != null ? run.budgetUsd() : settings.getRunCap();
        if (applies(runCap) && run.spendUsd().compareTo(runCap.add(allowance)) >= 0) {
            return Optional.of(new CapHit("run", run.spendUsd(), runCap.add(allowance)));
        }
        boolean agentCap = applies(settings.getAgentDayCap());
        boolean requesterCap = applies(settings.getRequesterDayCap());
        if (!agentCap && !requesterCap) {
            return Optional.empty();
        }
        DaySpend today = days.on(clock.instant(), run.agent(), run.requesterUserId());
        if (agentCap) {
            BigDecimal limit = settings.getAgentDayCap().add(allowance);
            if (today.agentUsd().compareTo(limit) >= 0) {
                return Optional.of(new CapHit("agent-day", today.agentUsd(), limit));
            }
        }
        if (requesterCap) {
            BigDecimal limit = settings.getRequesterDayCap().add(allowance);
            if (today.requesterUsd().compareTo(limit) >= 0) {
                return Optional.of(new CapHit("requester-day", today.requesterUsd(), limit));
            }
        }
        return Optional.empty();
    }

    /**
     * The budget a sub-run starts with: its agent's own cap (or {@code alfred.spend.run-cap}), but never more than
     * what its parent has left under the parent's cap, since a sub-run's spend counts against its parent's.
     *
     * @param agentCap the sub-run's agent's {@code budget-usd}, or null
     * @return the cap in US dollars, or null when neither applies; at least {@code 0.000001}
     */
    public @Nullable BigDecimal subRunBudget(Run parent, @Nullable BigDecimal agentCap) {
        BigDecimal own = agentCap != null ? agentCap : settings.getRunCap();
        BigDecimal parentCap = parent.budgetUsd() != null ? parent.budgetUsd() : settings.getRunCap();
        BigDecimal left = applies(parentCap) ? parentCap.add(parent.allowanceUsd()).subtract(parent.spendUsd()) : null;
        BigDecimal budget = !applies(own) ? left : left == null ? own : own.min(left);
        return budget == null ? null : budget.max(new BigDecimal("0.000001"));
    }

    /** @return spend per agent today (UTC), by agent name */
    @Transactional(readOnly = true)
    public List<AgentSpend> today() {
        return steps.spendByAgentSince(startOfDay());
    }

    /** @return models that answered turns today without a price (counted at cost 0) */
    @Transactional(readOnly = true)
    public List<String> unpricedModelsToday() {
        return steps.unpricedModelsSince(startOfDay());
    }

    /** @return what one extension grants, in US dollars */
    public BigDecimal extension() {
        return settings.getExtension();
    }

    /** @return the amount as a person reads it: {@code $1.47}, or {@code $0.0042} below a cent */
    public static String usd(BigDecimal amount) {
        BigDecimal scaled = amount.abs().compareTo(new BigDecimal("0.01")) < 0 && amount.signum() != 0
                ? amount.setScale(4, RoundingMode.HALF_UP) : amount.setScale(2, RoundingMode.HALF_UP);
        return "$" + scaled.toPlainString();
    }

    private Instant startOfDay() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static boolean applies(@Nullable BigDecimal cap) {
        return cap != null && cap.signum() > 0;
    }
}
