package dev.alfred.policies;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Who may use one group of {@code /alfred} sub-commands. A person passes when any of {@code users} or
 * {@code groups} names them (or both lists are empty), and the channel is in {@code channels} (or it is empty).
 *
 * @param users    Slack user ids
 * @param groups   Slack user group ids
 * @param channels Slack channel ids where the command may be used
 */
public record CommandRule(List<String> users, List<String> groups, List<String> channels) {
    /** Everyone, everywhere. */
    public static final CommandRule OPEN = new CommandRule(null, null, null);

    public CommandRule {
        users = users == null ? List.of() : List.copyOf(users);
        groups = groups == null ? List.of() : List.copyOf(groups);
        channels = channels == null ? List.of() : List.copyOf(channels);
        SlackIds.users(users);
        SlackIds.groups(groups);
        SlackIds.channels(channels);
    }

    /**
     * @param memberOf the ids among {@link #groups()} the user belongs to
     * @param mentions how the reason names people, groups and channels
     * @return empty when allowed, otherwise why not, as a sentence
     */
    Optional<String> refusal(String command, String userId, String channelId, Collection<String> memberOf,
            Mentions mentions) {
        if (!channels.isEmpty() && !channels.contains(channelId)) {
            return Optional.of("`/alfred " + command + "` is not enabled in this channel; it is allowed in "
                    + String.join(", ", channels.stream().map(mentions::channel).toList()) + ".");
        }
        boolean open = users.isEmpty() && groups.isEmpty();
        if (open || users.contains(userId) || groups.stream().anyMatch(memberOf::contains)) {
            return Optional.empty();
        }
        return Optional.of("You are not allowed to use `/alfred " + command + "`: the policy allows it for "
                + describe(mentions) + ".");
    }

    private String describe(Mentions mentions) {
        List<String> who = new java.util.ArrayList<>(users.stream().map(mentions::user).toList());
        groups.forEach(g -> who.add("members of " + mentions.group(g)));
        return String.join(", ", who);
    }
}
