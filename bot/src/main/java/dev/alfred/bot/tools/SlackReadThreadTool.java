package dev.alfred.bot.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolSchema;
import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.model.Message;
import dev.alfred.agents.tools.Tool;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.bot.slack.web.SlackCallException;
import dev.alfred.bot.slack.web.SlackWeb;
import dev.alfred.policies.RiskTier;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code slack_read_thread {channel?, thread_ts?, limit?}} (tier {@code read}): reads a thread's messages with
 * {@code conversations.replies}; without arguments, the run's own thread.
 *
 * <p>Result: one line per message, oldest first, root message included, as {@code <user> (<ts>): <text>} where
 * {@code <user>} is the author's user id, or {@code bot <bot_id>} for a bot without one. At most {@code limit}
 * messages (default {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}) are read, each message's text cut at
 * {@value #MAX_MESSAGE_CHARS} characters; when the thread has more, a last line says so. Slack's refusals
 * ({@code channel_not_found}, {@code not_in_channel}, {@code thread_not_found}, {@code missing_scope}) come back as
 * tool errors saying what is wrong.
 */
@Singleton
public class SlackReadThreadTool implements Tool {
    /** Messages read when the call sets no {@code limit}. */
    public static final int DEFAULT_LIMIT = 50;
    /** The most messages one call reads. */
    public static final int MAX_LIMIT = 200;
    /** Characters of one message's text kept. */
    public static final int MAX_MESSAGE_CHARS = 2_000;

    private final SlackWeb slack;

    public SlackReadThreadTool(SlackWeb slack) {
        this.slack = slack;
    }

    @Override
    public String name() {
        return "slack_read_thread";
    }

    @Override
    public String description() {
        return "Read the messages of a Slack thread, oldest first. Without arguments it reads this task's own thread.";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addStringProperty("channel", "Channel id, e.g. C0123456789; default: this task's channel")
                .addStringProperty("thread_ts", "The thread's root message ts, e.g. 1700000000.000100; "
                        + "default: this task's thread")
                .addIntegerProperty("limit", "At most this many messages, 1 to " + MAX_LIMIT + "; default "
                        + DEFAULT_LIMIT)
                .build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.READ;
    }

    @Override
    public ToolResult execute(JsonNode arguments, ToolContext context) {
        String channel = text(arguments, "channel");
        String threadTs = text(arguments, "thread_ts");
        if (channel != null && threadTs == null && !channel.equals(context.channelId())) {
            return ToolResult.error("thread_ts is needed to read a thread in another channel than this task's");
        }
        channel = channel == null ? context.channelId() : channel;
        threadTs = threadTs == null ? context.threadTs() : threadTs;
        if (threadTs == null) {
            return ToolResult.error("this task has no thread yet; give thread_ts");
        }
        int limit = Math.max(1, Math.min(MAX_LIMIT, arguments.path("limit").asInt(DEFAULT_LIMIT)));
        try {
            SlackWeb.ThreadPage page = slack.threadReplies(channel, threadTs, limit);
            return ToolResult.ok(render(channel, threadTs, page, limit));
        } catch (SlackCallException e) {
            return ToolResult.error(explain(e.error(), channel, threadTs));
        }
    }

    private static String render(String channel, String threadTs, SlackWeb.ThreadPage page, int limit) {
        List<String> lines = new ArrayList<>();
        lines.add("Thread " + threadTs + " in " + channel + ", oldest first:");
        List<Message> messages = page.messages().size() > limit ? page.messages().subList(0, limit)
                : page.messages();
        for (Message message : messages) {
            String author = message.getUser() != null ? message.getUser()
                    : message.getBotId() != null ? "bot " + message.getBotId() : "unknown";
            String text = message.getText() == null ? "" : message.getText();
            if (text.length() > MAX_MESSAGE_CHARS) {
                text = text.substring(0, MAX_MESSAGE_CHARS) + " [… " + (text.length() - MAX_MESSAGE_CHARS)
                        + " more characters cut]";
            }
            lines.add(author + " (" + message.getTs() + "): " + text);
        }
        if (page.hasMore() || page.messages().size() > limit) {
            lines.add("[cut: the thread has more messages after these " + messages.size() + "; only the first "
                    + limit + " were read]");
        }
        return String.join("\n", lines);
    }

    private static String explain(String error, String channel, String threadTs) {
        return switch (error) {
            case "channel_not_found" -> "Slack knows no channel " + channel + " that Alfred can see "
                    + "(channel_not_found)";
            case "not_in_channel" -> "Alfred is not a member of " + channel + "; someone must invite it before it "
                    + "can read threads there (not_in_channel)";
            case "thread_not_found" -> "there is no thread " + threadTs + " in " + channel + " (thread_not_found)";
            case "missing_scope" -> "Alfred's Slack app lacks the scope to read " + channel + " (missing_scope: "
                    + "channels:history for public channels, groups:history for private ones)";
            default -> "Slack refused to read the thread: " + error;
        };
    }

    private static String text(JsonNode arguments, String name) {
        JsonNode value = arguments.path(name);
        return value.isTextual() && !value.asText().isBlank() ? value.asText().strip() : null;
    }
}
