package dev.alfred.policies;

/**
 * How a sentence names a person, a user group or a channel. The wording around the names is the caller's; the
 * syntax of a name is the chat's, supplied by the application (in Alfred, Slack's mentions, rendered in the
 * {@code bot} module). Implementations are pure functions of their argument.
 */
public interface Mentions {

    /** Plain names, for logs and tests: {@code user U1}, {@code group S1}, {@code channel C1}. */
    Mentions PLAIN = new Mentions() {
        @Override
        public String user(String userId) {
            return "user " + userId;
        }

        @Override
        public String group(String groupId) {
            return "group " + groupId;
        }

        @Override
        public String channel(String channelId) {
            return "channel " + channelId;
        }
    };

    /** @return how a sentence names the person with this user id, e.g. {@code U01ABC} */
    String user(String userId);

    /** @return how a sentence names the members of the user group with this id, e.g. {@code S01ABC} */
    String group(String groupId);

    /** @return how a sentence names the channel with this id, e.g. {@code C01ABC} */
    String channel(String channelId);
}
