package dev.alfred.bot.slack.event;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppMentionEvent;
import dev.alfred.agents.run.RunOrigin;
import jakarta.inject.Singleton;

/**
 * {@code app_mention} (https://docs.slack.dev/reference/events/app_mention, scope {@code app_mentions:read}):
 * {@code @Alfred [@agent] <what to do>} in a channel. Outside a run's thread it starts a run whose thread is the
 * mention's own; inside one it is a reply to that run ({@link ConversationRequests}). Alfred's mention is taken out
 * of the task. A mention by a bot, an edited mention and one in a direct message (which arrives as a
 * {@code message.im} event too, handled by {@link ThreadReplies}) are acknowledged and ignored. The same message's
 * {@code message.channels} event is left to this handler ({@link ThreadReplies} skips messages that mention Alfred),
 * so a mention is applied once.
 */
@Singleton
public class AppMentions {
    /** The Events API event, as in {@code manifest.json}. */
    public static final String EVENT = "app_mention";

    private final ConversationRequests requests;

    public AppMentions(ConversationRequests requests) {
        this.requests = requests;
    }

    /** Registers the handler on the Bolt app. */
    public void register(App app) {
        app.event(AppMentionEvent.class, this::mentioned);
    }

    private Response mentioned(EventsApiPayload<AppMentionEvent> payload, EventContext ctx) {
        AppMentionEvent event = payload.getEvent();
        if (isBlank(event.getUser()) || !isBlank(event.getBotId()) || event.getSubtype() != null
                || event.getEdited() != null || isBlank(event.getChannel()) || isBlank(event.getTs())
                || event.getChannel().startsWith("D")) {
            return ctx.ack();
        }
        requests.handle(new ConversationRequests.Message(payload.getEventId(), payload.getTeamId(),
                event.getChannel(), event.getThreadTs(), event.getTs(), event.getUser(),
                MessageText.withoutMention(event.getText(), ctx.getBotUserId(), true)), RunOrigin.MENTION);
        return ctx.ack();
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
