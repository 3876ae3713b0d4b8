package dev.alfred.bot.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** The messages {@link LocalSlack} has seen, for {@code conversations.replies}. */
final class SeenMessages {
    private final List<SeenMessage> seen = new CopyOnWriteArrayList<>();

    /** A message in a channel, as {@code conversations.replies} answers it; {@code text} follows chat.update. */
    private record SeenMessage(String channelId, String ts, String threadTs, String userId, String botId,
            AtomicReference<String> text) {
    }

    /** Records a message; {@code userId} or {@code botId} may be null. */
    void add(String channelId, String ts, String threadTs, String userId, String botId, String text) {
        seen.add(new SeenMessage(channelId, ts, threadTs, userId, botId, new AtomicReference<>(text)));
    }

    /** Follows a {@code chat.update}. */
    void update(String ts, String text) {
        seen.stream().filter(message -> message.ts().equals(ts)).forEach(message -> message.text().set(text));
    }

    /** @return whether a message with this {@code ts} was seen */
    boolean contains(String ts) {
        return seen.stream().anyMatch(message -> message.ts().equals(ts));
    }

    /** Follows a {@code chat.appendStream}: {@code more} at the end of the message's text. */
    void append(String ts, String more) {
        seen.stream().filter(message -> message.ts().equals(ts)).forEach(message -> message.text()
                .updateAndGet(text -> text + more));
    }

    /** @return the current texts of the bot's replies in a thread, oldest first */
    List<String> texts(String channelId, String threadTs) {
        return seen.stream().filter(message -> message.channelId().equals(channelId) && message.botId() != null
                && threadTs.equals(message.threadTs()) && !threadTs.equals(message.ts()))
                .sorted(java.util.Comparator.comparing(SeenMessage::ts)).map(message -> message.text().get()).toList();
    }

    /** Answers {@code conversations.replies}, paginated by {@code cursor} and {@code limit} as Slack does. */
    void replies(Map<String, String> args, ObjectNode answer) {
        String channel = args.get("channel");
        String threadTs = args.get("ts");
        if (channel == null || threadTs == null) {
            answer.put("ok", false).put("error", channel == null ? "channel_not_found" : "thread_not_found");
            return;
        }
        List<SeenMessage> thread = seen.stream().filter(message -> message.channelId().equals(channel))
                .filter(message -> message.ts().equals(threadTs) || threadTs.equals(message.threadTs()))
                .sorted(java.util.Comparator.comparing(SeenMessage::ts)).toList();
        if (thread.stream().noneMatch(message -> message.ts().equals(threadTs))) {
            answer.put("ok", false).put("error", "thread_not_found");
            return;
        }
        int from = args.get("cursor") == null || args.get("cursor").isEmpty() ? 0
                : Integer.parseInt(args.get("cursor").substring("next:".length()));
        int limit = args.get("limit") == null ? 1_000 : Integer.parseInt(args.get("limit"));
        int to = Math.min(thread.size(), from + limit);
        com.fasterxml.jackson.databind.node.ArrayNode messages = answer.put("ok", true).putArray("messages");
        for (SeenMessage message : thread.subList(from, to)) {
            ObjectNode node = messages.addObject().put("type", "message");
            if (message.userId() != null) {
                node.put("user", message.userId());
            }
            if (message.botId() != null) {
                node.put("bot_id", message.botId());
            }
            node.put("text", message.text().get()).put("ts", message.ts()).put("thread_ts", threadTs);
        }
        answer.put("has_more", to < thread.size());
        answer.putObject("response_metadata").put("next_cursor", to < thread.size() ? "next:" + to : "");
    }
}
