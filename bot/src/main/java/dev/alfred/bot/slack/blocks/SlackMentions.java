package dev.alfred.bot.slack.blocks;

import dev.alfred.policies.Mentions;
import jakarta.inject.Singleton;

/**
 * Slack's syntax for naming people, user groups and channels in mrkdwn
 * (<a href="https://docs.slack.dev/messaging/formatting-message-text#advanced">Formatting text: advanced</a>):
 * {@code <@U123>}, {@code <!subteam^S123>}, {@code <#C123>}. The one implementation of {@link Mentions} the
 * application supplies to {@code policies} and {@code agents}.
 */
@Singleton
public class SlackMentions implements Mentions {
    /** The same, for the pure Block Kit builders. */
    public static final Mentions SLACK = new SlackMentions();

    @Override
    public String user(String userId) {
        return "<@" + userId + ">";
    }

    @Override
    public String group(String groupId) {
        return "<!subteam^" + groupId + ">";
    }

    @Override
    public String channel(String channelId) {
        return "<#" + channelId + ">";
    }
}
