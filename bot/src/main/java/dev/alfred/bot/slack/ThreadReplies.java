package dev.alfred.bot.slack;

import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MessageEvent;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events API {@code message} events (subscription {@code message.channels}). Replies in a run's thread will answer
 * the run's open question; until runs can ask, they are acknowledged (so Slack does not redeliver) and logged.
 */
@Singleton
public class ThreadReplies implements BoltEventHandler<MessageEvent> {
    /** The bot events Alfred subscribes to, as in {@code manifest.json}. */
    public static final List<String> SUBSCRIBED_EVENTS = List.of("message.channels");
    private static final Logger LOG = LoggerFactory.getLogger(ThreadReplies.class);

    @Override
    public Response apply(com.slack.api.app_backend.events.payload.EventsApiPayload<MessageEvent> payload,
            EventContext ctx) {
        MessageEvent event = payload.getEvent();
        if (event.getThreadTs() != null && event.getBotId() == null) {
            LOG.info("reply in thread {} of channel {} noted; runs do not take replies yet", event.getThreadTs(),
                    event.getChannel());
        }
        return ctx.ack();
    }
}
