package dev.alfred.bot.slack.web;

import dev.alfred.agents.outbox.Outbox;
import dev.alfred.agents.outbox.OutboxDeliveryException;
import dev.alfred.agents.outbox.OutboxMessage;
import dev.alfred.bot.slack.blocks.OutboxBodies;
import dev.alfred.bot.slack.blocks.OutboxOps;
import dev.alfred.bot.slack.blocks.StreamedAnswers;
import dev.alfred.bot.slack.blocks.ThreadMessage;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox's {@link OutboxOps}: a streamed answer, and an assistant thread's status and title.
 *
 * <p>A stream is {@code chat.startStream} with the first piece, {@code chat.appendStream} for each further piece and
 * {@code chat.stopStream} ({@link StreamedAnswers#chunks}). It falls back without losing or doubling text: when the
 * stream cannot start, nothing was shown, so the whole message is posted with {@code chat.postMessage} (a transient
 * failure of that post is retried by the outbox, which then tries the stream again); when a later call fails, the
 * stream is stopped and the pieces not yet shown are enqueued as a plain post right behind it. (A call whose answer
 * was lost on the way back but which Slack carried out is the one case that can show a piece twice.)
 *
 * <p>Status and title are courtesies: a failure is logged and the op counts as delivered, so it never holds up the
 * thread's answer behind it.
 */
@Singleton
public class SlackOutboxOps {
    private static final Logger LOG = LoggerFactory.getLogger(SlackOutboxOps.class);

    private final SlackStreams streams;
    private final SlackAssistant assistant;
    private final SlackWeb slack;
    private final Outbox outbox;

    public SlackOutboxOps(SlackStreams streams, SlackAssistant assistant, SlackWeb slack, Outbox outbox) {
        this.streams = streams;
        this.assistant = assistant;
        this.slack = slack;
        this.outbox = outbox;
    }

    /**
     * @return for a stream, the {@code ts} of the message that shows its start; null for the other ops
     * @throws OutboxDeliveryException when a stream could neither start nor be posted
     */
    @Nullable
    public String deliver(OutboxMessage message, OutboxOps.Op op) {
        if (op instanceof OutboxOps.Stream stream) {
            return stream(message, stream.text());
        }
        try {
            if (op instanceof OutboxOps.AssistantStatus status) {
                assistant.setStatus(message.channelId(), message.threadTs(), status.text());
            } else {
                assistant.setTitle(message.channelId(), message.threadTs(), op.text());
            }
        } catch (SlackCallException e) {
            LOG.info("assistant thread {} of run {}: {} not set ({})", message.threadTs(), message.runId(),
                    op.getClass().getSimpleName(), e.error());
        }
        return null;
    }

    private String stream(OutboxMessage message, String text) {
        List<String> chunks = StreamedAnswers.chunks(text, StreamedAnswers.CHUNK_CHARS);
        String streamTs;
        try {
            streamTs = streams.start(message.channelId(), message.threadTs(), chunks.get(0));
        } catch (SlackCallException e) {
            LOG.info("could not start a stream in thread {} ({}); posting the message whole", message.threadTs(),
                    e.error());
            return post(message, text);
        }
        int shown = 1;
        try {
            for (; shown < chunks.size(); shown++) {
                streams.append(message.channelId(), streamTs, chunks.get(shown));
            }
            streams.stop(message.channelId(), streamTs);
        } catch (SlackCallException e) {
            String rest = String.join("", chunks.subList(shown, chunks.size()));
            LOG.warn("stream {} in thread {} failed after {} of {} piece(s) ({}); the rest follows as a post",
                    streamTs, message.threadTs(), shown, chunks.size(), e.error());
            stopQuietly(message, streamTs);
            if (!rest.isBlank()) {
                outbox.post(message.runId(), message.channelId(), message.threadTs(),
                        OutboxBodies.encode(new ThreadMessage(rest, List.of())), null);
            }
        }
        return streamTs;
    }

    private String post(OutboxMessage message, String text) {
        try {
            return slack.postOnce(message.channelId(), message.threadTs(), text, null);
        } catch (SlackCallException e) {
            throw new OutboxDeliveryException(e.error(), !e.isTransient(), e.retryAfter(), e);
        }
    }

    private void stopQuietly(OutboxMessage message, String streamTs) {
        try {
            streams.stop(message.channelId(), streamTs);
        } catch (SlackCallException e) {
            LOG.debug("stream {} could not be stopped either: {}", streamTs, e.error());
        }
    }
}
