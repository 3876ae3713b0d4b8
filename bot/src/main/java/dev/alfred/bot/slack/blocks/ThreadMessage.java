package dev.alfred.bot.slack.blocks;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/**
 * A message to post: the {@code text} (notification and fallback text) and its Block Kit {@code blocks}.
 *
 * @param blocks may be empty, then Slack renders {@code text}
 */
public record ThreadMessage(String text, List<LayoutBlock> blocks) {
    public ThreadMessage {
        blocks = List.copyOf(blocks);
    }
}
