package dev.alfred.bot.slack.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.alfred.bot.intake.InboxHandler;
import dev.alfred.bot.intake.SlackInbox;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Slack requests acknowledged as soon as they are recorded in the {@link SlackInbox}, and handled by Bolt right
 * after the ack from that record: a person's message (Events API {@code message}, also {@code thread_broadcast} and
 * {@code file_share}: a thread reply or a direct message) and {@code app_mention}, keyed by {@code event_id}. Slack
 * ignores the body of an Events API ack, so the ack does not wait for the handler. Everything else is handled before
 * the ack as before: slash commands and view submissions, whose answers carry content; block actions, whose decision
 * (an approval, a stop) is applied before the ack so the person's click is never acknowledged undone; and cheap events
 * such as a bot's own messages.
 */
@Singleton
public class DeferredRequests implements InboxHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> EVENTS = Set.of("message", "message:thread_broadcast", "message:file_share",
            "app_mention");

    private final App app;
    private final SlackRequestParser parser;

    public DeferredRequests(App app) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
    }

    /**
     * @param text the request's body, verified
     * @return the inbox entry to record for a request acknowledged before it is handled; empty to handle it now
     */
    Optional<SlackInbox.Entry> entry(Request<?> request, String text) {
        if (request instanceof EventRequest event && EVENTS.contains(event.getEventTypeAndSubtype())
                && !text.contains("\"bot_id\"")) {
            try {
                JsonNode body = JSON.readTree(text);
                String eventId = body.path("event_id").asText("");
                JsonNode inner = body.path("event");
                String thread = inner.path("thread_ts").asText(inner.path("ts").asText(""));
                return eventId.isEmpty() ? Optional.empty() : Optional.of(new SlackInbox.Entry("event:" + eventId,
                        SlackInbox.SLACK, inner.path("channel").asText("") + ":" + thread, text));
            } catch (java.io.IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public String kind() {
        return SlackInbox.SLACK;
    }

    /** Hands the recorded request to Bolt, as the controller would have; its ack is not sent anywhere. */
    @Override
    public void process(SlackInbox.Entry entry) throws Exception {
        String contentType = entry.body().startsWith("{") ? "application/json" : "application/x-www-form-urlencoded";
        Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri("/slack/events")
                .queryString(Map.of())
                .headers(new RequestHeaders(Map.of("Content-Type", List.of(contentType))))
                .requestBody(entry.body())
                .remoteAddress("127.0.0.1")
                .build());
        if (request != null) {
            app.run(request);
        }
    }
}
