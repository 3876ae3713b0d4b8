package dev.alfred.bot.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolSchema;
import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.tools.Tool;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.bot.slack.web.SlackCallException;
import dev.alfred.bot.slack.blocks.SlackText;
import dev.alfred.bot.slack.web.SlackWeb;
import dev.alfred.bot.slack.blocks.ThreadMessage;
import dev.alfred.policies.RiskTier;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code slack_post_message {channel, text}} (tier {@code write}): posts a message in a channel as Alfred. The
 * text is escaped, so an agent cannot mention {@code @channel} or anyone, nor link, whatever it was told. The
 * staged action's idempotency key is logged with the message's {@code ts}.
 */
@Singleton
public class SlackPostMessageTool implements Tool {
    private static final Logger LOG = LoggerFactory.getLogger(SlackPostMessageTool.class);

    private final SlackWeb slack;

    public SlackPostMessageTool(SlackWeb slack) {
        this.slack = slack;
    }

    @Override
    public String name() {
        return "slack_post_message";
    }

    @Override
    public String description() {
        return "Post a message in a Slack channel as Alfred. Needs a person's approval.";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addStringProperty("channel", "Channel id, e.g. C0123456789")
                .addStringProperty("text", "The message text (plain text; mentions and links are not rendered)")
                .required("channel", "text")
                .build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.WRITE;
    }

    @Override
    public ToolResult execute(JsonNode arguments, ToolContext context) {
        String channel = arguments.path("channel").asText();
        String text = arguments.path("text").asText();
        if (text.isBlank()) {
            return ToolResult.error("text is empty; nothing was posted");
        }
        try {
            String ts = slack.post(channel, null, new ThreadMessage(SlackText.split(SlackText.escape(text),
                    SlackText.MAX_MESSAGE_CHARS).get(0), List.of()));
            LOG.info("run {} posted in {} as ts {} (idempotency key {})", context.runId(), channel, ts,
                    context.idempotencyKey());
            return ToolResult.ok("Posted in " + channel + " (message ts " + ts + ").");
        } catch (SlackCallException e) {
            return ToolResult.error("Slack refused the message: " + e.error());
        }
    }
}
