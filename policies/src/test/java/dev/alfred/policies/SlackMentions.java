package dev.alfred.policies;

/** Slack's mention syntax, as the application supplies it, for tests that assert the words people read. */
final class SlackMentions implements Mentions {
    static final Mentions SLACK = new SlackMentions();

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
