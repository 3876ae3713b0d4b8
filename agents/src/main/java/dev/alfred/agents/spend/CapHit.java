package dev.alfred.agents.spend;

import dev.alfred.policies.Mentions;
import java.math.BigDecimal;

/**
 * A spend cap a run has reached.
 *
 * @param cap      {@code run}, {@code agent-day} or {@code requester-day}
 * @param spentUsd what counts against the cap so far, in US dollars
 * @param limitUsd the cap including extensions granted to the run, in US dollars
 */
public record CapHit(String cap, BigDecimal spentUsd, BigDecimal limitUsd) {

    /**
     * @param mentions how the requester is named
     * @return e.g. {@code this run's budget: $1.47 spent of $1.00}
     */
    public String describe(String agent, String requesterUserId, Mentions mentions) {
        String what = switch (cap) {
            case "run" -> "this run's budget";
            case "agent-day" -> "agent `" + agent + "`'s budget for today (UTC)";
            default -> mentions.user(requesterUserId) + "'s budget for today (UTC)";
        };
        return what + ": " + Spend.usd(spentUsd) + " spent of " + Spend.usd(limitUsd);
    }
}
