package dev.alfred.bot.slack.web;

import dev.alfred.bot.slack.blocks.OutboxBodies;
import dev.alfred.bot.slack.blocks.OutboxOps;
import dev.alfred.bot.slack.blocks.PlainFallback;
import dev.alfred.agents.outbox.OutboxDeliveryException;
import dev.alfred.agents.outbox.OutboxMessage;
import dev.alfred.agents.outbox.OutboxTransport;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * Delivers outbox messages with Slack's Web API: a post is one {@code chat.postMessage} in the message's thread, an
 * update one {@code chat.update}; a streamed answer or an assistant thread's status or title goes to
 * {@link SlackOutboxOps}. Each call is made once; the drainer decides about retries from the
 * {@link OutboxDeliveryException}: Slack's transient errors ({@code ratelimited}, HTTP 429 with its
 * {@code Retry-After}, 5xx, I/O) are retried, anything else is permanent. A message whose content Slack refuses
 * ({@code invalid_blocks}, {@code msg_too_long}, …: {@link PlainFallback#REFUSED_CONTENT}) is sent again at once as
 * its plain-text equivalent ({@link PlainFallback}), never dropped.
 */
@Singleton
public class SlackOutboxTransport implements OutboxTransport {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SlackOutboxTransport.class);
    /** Thread key of messages posted in the channel rather than in a thread. */
    static final String NO_THREAD = "";

    private final SlackWeb slack;
    private final SlackOutboxOps ops;

    public SlackOutboxTransport(SlackWeb slack, SlackOutboxOps ops) {
        this.slack = slack;
        this.ops = ops;
    }

    @Override
    @Nullable
    public String deliver(OutboxMessage message, @Nullable String messageTs) {
        java.util.Optional<OutboxOps.Op> op = message.kind() == OutboxMessage.Kind.POST
                ? OutboxOps.decode(message.body()) : java.util.Optional.empty();
        if (op.isPresent()) {
            return ops.deliver(message, op.get());
        }
        OutboxBodies.Decoded body = OutboxBodies.decode(message.body());
        try {
            try {
                return send(message, messageTs, body.text(), body.blocksJson());
            } catch (SlackCallException e) {
                if (!PlainFallback.REFUSED_CONTENT.contains(e.error())) {
                    throw e;
                }
                LOG.warn("Slack refused outbox message {} of run {} ({}); posting it as plain text", message.id(),
                        message.runId(), e.error());
                return send(message, messageTs, PlainFallback.of(body.text(), body.blocksJson(), e.error()), null);
            }
        } catch (SlackCallException e) {
            throw new OutboxDeliveryException(e.error(), !e.isTransient(), e.retryAfter(), e);
        }
    }

    private String send(OutboxMessage message, @Nullable String messageTs, String text, @Nullable String blocksJson) {
        if (message.kind() == OutboxMessage.Kind.UPDATE) {
            slack.updateOnce(message.channelId(), messageTs, text, blocksJson);
            return null;
        }
        String threadTs = NO_THREAD.equals(message.threadTs()) ? null : message.threadTs();
        return slack.postOnce(message.channelId(), threadTs, text, blocksJson);
    }
}
