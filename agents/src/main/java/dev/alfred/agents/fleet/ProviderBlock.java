package dev.alfred.agents.fleet;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A fleet-wide block set because the model provider answered rate-limited or quota-exceeded.
 *
 * @param scope        {@code provider} (one model provider for now)
 * @param reason       what the provider said, e.g. {@code HTTP 429 from the model endpoint: Rate limit reached}
 * @param blockedUntil when the block lifts: the provider's {@code Retry-After}, or the configured default
 * @param setAt        when it was set (or last extended)
 */
@MappedEntity("provider_blocks")
public record ProviderBlock(@Id String scope, String reason, Instant blockedUntil, Instant setAt) {
}
