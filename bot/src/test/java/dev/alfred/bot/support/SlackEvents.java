package dev.alfred.bot.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events API deliveries as Slack sends them (https://docs.slack.dev/apis/events-api/#callback-field): an
 * {@code event_callback} in workspace {@code T1} with a fresh {@code event_id}, around an {@code app_mention} or a
 * {@code message}. Alfred's bot user in the fake Slack is {@code UALFRED} (its {@code auth.test} answer).
 */
public final class SlackEvents {
    /** How a message mentions Alfred. */
    public static final String ALFRED = "<@UALFRED>";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong();
    private static final AtomicLong MICROS = new AtomicLong(1_800_000_000_000_000L);

    private SlackEvents() {
    }

    /** @return a fresh message {@code ts}, {@code seconds.microseconds}, later than any before */
    public static String nextTs() {
        long micros = MICROS.addAndGet(1_000);
        return micros / 1_000_000 + "." + String.format("%06d", micros % 1_000_000);
    }

    /** @return an {@code app_mention} by {@code userId} in a channel; {@code threadTs} null for a top-level one */
    public static ObjectNode mention(String userId, String channelId, String ts, String threadTs, String text) {
        ObjectNode event = JSON.createObjectNode().put("type", "app_mention").put("user", userId).put("text", text)
                .put("ts", ts).put("channel", channelId).put("event_ts", ts);
        if (threadTs != null) {
            event.put("thread_ts", threadTs);
        }
        return callback(event);
    }

    /**
     * @param channelType {@code channel}, {@code group} or {@code im}
     * @return a person's {@code message}; {@code threadTs} null for a top-level one
     */
    public static ObjectNode message(String userId, String channelId, String channelType, String ts, String threadTs,
            String text) {
        ObjectNode event = JSON.createObjectNode().put("type", "message").put("user", userId).put("text", text)
                .put("ts", ts).put("channel", channelId).put("channel_type", channelType).put("event_ts", ts);
        if (threadTs != null) {
            event.put("thread_ts", threadTs);
        }
        return callback(event);
    }

    /** @return {@code assistant_thread_started}: {@code userId} opened a new assistant thread in {@code channelId} */
    public static ObjectNode assistantThreadStarted(String userId, String channelId, String threadTs) {
        ObjectNode event = JSON.createObjectNode().put("type", "assistant_thread_started").put("event_ts", nextTs());
        ObjectNode thread = event.putObject("assistant_thread").put("user_id", userId).put("channel_id", channelId)
                .put("thread_ts", threadTs);
        thread.putObject("context").put("channel_id", "C1").put("team_id", "T1");
        return callback(event);
    }

    /** @return {@code payload}'s {@code event} */
    public static ObjectNode event(ObjectNode payload) {
        return (ObjectNode) payload.get("event");
    }

    /** @return {@code payload} again as a new delivery: same event, fresh {@code event_id} */
    public static ObjectNode redelivered(ObjectNode payload) {
        return callback(event(payload).deepCopy());
    }

    private static ObjectNode callback(ObjectNode event) {
        ObjectNode body = JSON.createObjectNode().put("token", "legacy-token").put("team_id", "T1")
                .put("api_app_id", "A1").put("type", "event_callback").put("event_id", "EvTest" + IDS.incrementAndGet())
                .put("event_time", Instant.now().getEpochSecond());
        body.set("event", event);
        body.putArray("authorizations").addObject().put("team_id", "T1").put("user_id", "UALFRED")
                .put("is_bot", true);
        return body;
    }
}
