package dev.alfred.bot.slack.event;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MessageBotEvent;
import com.slack.api.model.event.MessageChangedEvent;
import com.slack.api.model.event.MessageDeletedEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import com.slack.api.model.event.MessageThreadBroadcastEvent;
import dev.alfred.agents.events.RunEvents;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunLookups;
import dev.alfred.agents.run.RunOrigin;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Events API {@code message} events (subscriptions {@code message.channels} and {@code message.groups}: public and
 * private channels Alfred is a member of; {@code message.im}: the direct message with Alfred; the event is the same).
 * In a channel, a person's reply in a run's thread answers the run's open question, or is kept as new input for its
 * next model turn; so is a reply also sent to the channel, or one with a file (its text). A message that mentions
 * Alfred is left to {@link AppMentions}, which gets it as an {@code app_mention} too. In the direct message, a
 * person's message starts a run threaded under it, or in the assistant thread it was written in, and a reply in a
 * run's thread continues that run ({@link ConversationRequests}). Messages in other threads, top-level channel
 * messages, edits, deletions, joins, other subtypes and bot messages (Alfred's own included) are acknowledged and
 * ignored. The same delivery ({@code event_id}) is applied once, however often Slack retries it.
 */
@Singleton
public class ThreadReplies {
    /**
     * The bot events Alfred subscribes to for thread replies, as in {@code manifest.json}: public channels
     * ({@code channels:history}) and private channels ({@code groups:history}).
     */
    public static final List<String> SUBSCRIBED_EVENTS = List.of("message.channels", "message.groups");
    /** The bot event Alfred subscribes to for its direct message ({@code im:history}), as in {@code manifest.json}. */
    public static final String DIRECT_MESSAGES = "message.im";

    private final RunLookups runs;
    private final RunEvents events;
    private final ConversationRequests requests;

    public ThreadReplies(RunLookups runs, RunEvents events, ConversationRequests requests) {
        this.runs = runs;
        this.events = events;
        this.requests = requests;
    }

    /** Registers the handlers on the Bolt app. */
    public void register(App app) {
        app.event(MessageEvent.class, this::message);
        app.event(MessageChangedEvent.class, (payload, ctx) -> ctx.ack());
        app.event(MessageDeletedEvent.class, (payload, ctx) -> ctx.ack());
        app.event(MessageBotEvent.class, (payload, ctx) -> ctx.ack());
        app.event(MessageThreadBroadcastEvent.class, (payload, ctx) -> {
            MessageThreadBroadcastEvent event = payload.getEvent();
            return reply(payload.getEventId(), event.getChannel(), event.getThreadTs(), event.getTs(),
                    event.getUser(), event.getText(), ctx);
        });
        app.event(MessageFileShareEvent.class, (payload, ctx) -> {
            MessageFileShareEvent event = payload.getEvent();
            return person(payload, event.getChannelType(), event.getChannel(), event.getThreadTs(), event.getTs(),
                    event.getUser(), event.getText(), ctx);
        });
    }

    private Response message(EventsApiPayload<MessageEvent> payload, EventContext ctx) {
        MessageEvent event = payload.getEvent();
        if (event.getBotId() != null || event.getSubtype() != null) {
            return ctx.ack();
        }
        return person(payload, event.getChannelType(), event.getChannel(), event.getThreadTs(), event.getTs(),
                event.getUser(), event.getText(), ctx);
    }

    /** A person's message: in the direct message with Alfred, a request; elsewhere, perhaps a reply to a run. */
    private Response person(EventsApiPayload<?> payload, String channelType, String channelId, String threadTs,
            String messageTs, String userId, String text, EventContext ctx) {
        if ("im".equals(channelType)) {
            if (!AppMentions.isBlank(userId) && !AppMentions.isBlank(channelId) && !AppMentions.isBlank(messageTs)
                    && text != null && !text.isBlank()) {
                boolean threaded = threadTs != null && !threadTs.isBlank() && !threadTs.equals(messageTs);
                requests.handle(new ConversationRequests.Message(payload.getEventId(), payload.getTeamId(),
                        channelId, threaded ? threadTs : null, messageTs, userId,
                        MessageText.withoutMention(text, ctx.getBotUserId(), false)),
                        threaded ? RunOrigin.ASSISTANT_THREAD : RunOrigin.DIRECT_MESSAGE);
            }
            return ctx.ack();
        }
        if (MessageText.mentions(text, ctx.getBotUserId())) {
            return ctx.ack();
        }
        return reply(payload.getEventId(), channelId, threadTs, messageTs, userId, text, ctx);
    }

    /**
     * Applies a person's message if it is a reply in a run's thread: plain replies, replies also sent to the
     * channel ({@code thread_broadcast}) and replies with a file ({@code file_share}) alike.
     */
    private Response reply(String eventId, String channelId, String threadTs, String messageTs, String userId,
            String text, EventContext ctx) {
        if (threadTs == null || threadTs.equals(messageTs) || userId == null || text == null || text.isBlank()) {
            return ctx.ack();
        }
        Optional<Run> run = runs.findReplyTarget(channelId, threadTs);
        if (run.isPresent()) {
            events.replied(run.get(), userId, text, messageTs, "slack:event:" + eventId);
        }
        return ctx.ack();
    }
}
