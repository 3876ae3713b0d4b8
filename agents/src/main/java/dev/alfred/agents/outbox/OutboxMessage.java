package dev.alfred.agents.outbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One message waiting for delivery, or delivered.
 *
 * @param id          position in the outbox; within a thread, ordered messages are delivered in id order
 * @param runId       the run it is about, if any
 * @param channelId   the conversation (Slack channel id)
 * @param threadTs    the thread it belongs to (its order key with {@code channelId})
 * @param kind        a new message, or an in-place update of a named one
 * @param refKey      for a {@link Kind#POST}: the name its {@code ts} is stored under, if any; for an
 *                    {@link Kind#UPDATE}: the name of the message to update
 * @param coalesceKey set on updates that may be replaced by a newer one while pending (status messages); such
 *                    updates are not ordered with the rest of the thread, only after the post they update
 * @param body        what to deliver, as the transport wrote it (for Slack: JSON with {@code text} and
 *                    {@code blocks})
 * @param attempts    delivery attempts so far
 * @param notBefore   no attempt before this instant (retry back-off, {@code Retry-After})
 */
@MappedEntity("outbox_messages")
public record OutboxMessage(
        @Id @GeneratedValue Long id,
        @Nullable String runId,
        String channelId,
        String threadTs,
        Kind kind,
        @Nullable String refKey,
        @Nullable String coalesceKey,
        String body,
        Status status,
        int attempts,
        Instant notBefore,
        @Nullable String claimedBy,
        @Nullable Instant claimedUntil,
        @Nullable String lastError,
        Instant createdAt,
        @Nullable Instant deliveredAt) {

    /** What a message does. */
    public enum Kind {
        /** A new message in the thread ({@code chat.postMessage}). */
        POST,
        /** An in-place update of a message posted before ({@code chat.update}). */
        UPDATE
    }

    /** Where a message is. */
    public enum Status {
        PENDING, DELIVERED, FAILED
    }
}
