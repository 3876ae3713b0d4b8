package dev.alfred.agents.outbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A named message, e.g. {@code status:<runId>} or {@code card:<actionId>}.
 *
 * @param messageTs the delivered message's {@code ts}; null until its post is delivered
 */
@MappedEntity("message_refs")
public record MessageRef(@Id String refKey, String channelId, @Nullable String messageTs, Instant createdAt) {
}
