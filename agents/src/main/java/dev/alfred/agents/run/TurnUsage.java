package dev.alfred.agents.run;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;

/**
 * What one model turn used, as recorded on its step.
 *
 * @param inputTokens  prompt tokens the provider reported, or null when it reported none
 * @param outputTokens completion tokens the provider reported, or null
 * @param model        the model's name as configured, e.g. {@code gpt-4o-mini}
 * @param costUsd      the turn's cost in US dollars from the price table; zero for an unpriced model
 * @param priced       whether the price table knew the model
 */
public record TurnUsage(@Nullable Integer inputTokens, @Nullable Integer outputTokens, String model,
        BigDecimal costUsd, boolean priced) {
}
