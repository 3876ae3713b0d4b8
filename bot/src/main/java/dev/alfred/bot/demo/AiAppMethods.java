package dev.alfred.bot.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The Web API methods of Slack's AI apps, as {@link LocalSlack} answers them in Slack's wire format
 * (https://docs.slack.dev/reference/methods/chat.startStream and its siblings): {@code chat.startStream} posts a
 * message in the thread and answers {@code {"ok":true,"channel":…,"ts":…}}, {@code chat.appendStream} adds its
 * {@code markdown_text} to that message ({@code message_not_found} for an unknown {@code ts}), {@code chat.stopStream}
 * ends it; {@code assistant.threads.setStatus}, {@code .setSuggestedPrompts} and {@code .setTitle} answer
 * {@code {"ok":true}}. Each needs {@code channel} (or {@code channel_id}), else {@code channel_not_found}.
 */
final class AiAppMethods {
    private static final Set<String> METHODS = Set.of("chat.startStream", "chat.appendStream", "chat.stopStream",
            "assistant.threads.setStatus", "assistant.threads.setSuggestedPrompts", "assistant.threads.setTitle");

    private AiAppMethods() {
    }

    /** @return whether {@code method} is one of these */
    static boolean handles(String method) {
        return METHODS.contains(method);
    }

    /**
     * Answers one call into {@code answer}.
     *
     * @return the {@code ts} of the message started or appended to, else null
     */
    static String answer(String method, Map<String, String> args, ObjectNode answer, SeenMessages seen,
            Supplier<String> nextTs) {
        String channel = method.startsWith("assistant.") ? args.get("channel_id") : args.get("channel");
        if (channel == null || channel.isBlank()) {
            answer.put("ok", false).put("error", "channel_not_found");
            return null;
        }
        String ts = null;
        switch (method) {
            case "chat.startStream" -> {
                ts = nextTs.get();
                seen.add(channel, ts, args.get("thread_ts"), "UALFRED", "BALFRED",
                        args.getOrDefault("markdown_text", ""));
                answer.put("ok", true).put("channel", channel).put("ts", ts);
            }
            case "chat.appendStream", "chat.stopStream" -> {
                ts = args.get("ts");
                if (ts == null || !seen.contains(ts)) {
                    answer.put("ok", false).put("error", "message_not_found");
                    return null;
                }
                seen.append(ts, args.getOrDefault("markdown_text", ""));
                answer.put("ok", true).put("channel", channel).put("ts", ts);
            }
            default -> answer.put("ok", true);
        }
        return ts;
    }
}
