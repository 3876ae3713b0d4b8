package dev.alfred.agents.run;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * An inbound delivery already applied, e.g. {@code slack:command:<trigger_id>}. Inserting the same key twice fails,
 * which is how a redelivered request is recognised.
 */
@MappedEntity("deliveries")
public record Delivery(@Id String deliveryKey, Instant receivedAt) {
}
