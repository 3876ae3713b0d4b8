package dev.alfred.agents.spend;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;

/**
 * {@code alfred.spend.*}: the price table and the spend caps, all in US dollars. A cap left unset (or set to 0) does
 * not apply. Days are UTC days.
 */
@ConfigurationProperties("alfred.spend")
public class SpendSettings {
    /**
     * Prices per million tokens, {@code <model>=<input>/<output>} separated by commas, e.g.
     * {@code gpt-4o-mini=0.15/0.60}; see {@link PriceTable#parse}. Models not listed are metered in tokens at cost 0.
     */
    private String prices = "";
    /** A run's cap unless its agent sets one. */
    @Nullable
    private BigDecimal runCap = new BigDecimal("2.00");
    /** What one agent's runs may spend per UTC day, together. */
    @Nullable
    private BigDecimal agentDayCap = new BigDecimal("50.00");
    /** What one requester's runs may spend per UTC day, together. */
    @Nullable
    private BigDecimal requesterDayCap = new BigDecimal("20.00");
    /** What one click on "Extend" grants a blocked run. */
    private BigDecimal extension = new BigDecimal("1.00");

    public String getPrices() {
        return prices;
    }

    public void setPrices(String prices) {
        this.prices = prices == null ? "" : prices;
    }

    @Nullable
    public BigDecimal getRunCap() {
        return runCap;
    }

    public void setRunCap(@Nullable BigDecimal runCap) {
        this.runCap = runCap;
    }

    @Nullable
    public BigDecimal getAgentDayCap() {
        return agentDayCap;
    }

    public void setAgentDayCap(@Nullable BigDecimal agentDayCap) {
        this.agentDayCap = agentDayCap;
    }

    @Nullable
    public BigDecimal getRequesterDayCap() {
        return requesterDayCap;
    }

    public void setRequesterDayCap(@Nullable BigDecimal requesterDayCap) {
        this.requesterDayCap = requesterDayCap;
    }

    public BigDecimal getExtension() {
        return extension;
    }

    public void setExtension(BigDecimal extension) {
        this.extension = extension;
    }
}
