package dev.alfred.agents.outbox;

import io.micronaut.core.annotation.Nullable;

/** Delivers outbox messages to people: implemented by the application (in Alfred, Slack's Web API). */
public interface OutboxTransport {

    /**
     * Delivers one message.
     *
     * @param message   the message, with the body the application wrote
     * @param messageTs for an {@link OutboxMessage.Kind#UPDATE}: the {@code ts} of the message to update
     * @return for a {@link OutboxMessage.Kind#POST}: the new message's {@code ts}
     * @throws OutboxDeliveryException when the message was not delivered, saying whether and when to try again
     */
    @Nullable
    String deliver(OutboxMessage message, @Nullable String messageTs);
}
