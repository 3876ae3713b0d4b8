package dev.alfred.bot.slack.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.alfred.agents.approvals.ApproverDirectory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * User group membership from Slack's {@code usergroups.users.list}, cached per group for
 * {@code alfred.slack.user-group-cache} (default 60 s) so a burst of clicks costs one call per group. A group Slack
 * cannot list (missing {@code usergroups:read} scope, unknown group, outage) is not cached and counts as having no
 * members this time: access is refused rather than guessed, and the reason is logged.
 */
@Singleton
public class SlackUserGroups implements ApproverDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(SlackUserGroups.class);

    private final SlackWeb slack;
    private final Cache<String, List<String>> members;

    public SlackUserGroups(SlackWeb slack, @Value("${alfred.slack.user-group-cache:60s}") Duration ttl) {
        this.slack = slack;
        this.members = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(1_000).build();
    }

    @Override
    public Set<String> groupsOf(String userId, Collection<String> groupIds) {
        Set<String> memberOf = new LinkedHashSet<>();
        for (String groupId : groupIds) {
            try {
                if (members.get(groupId, id -> List.copyOf(slack.userGroupMembers(id))).contains(userId)) {
                    memberOf.add(groupId);
                }
            } catch (SlackCallException e) {
                LOG.warn("could not list the members of user group {} ({}); not counting {} as a member",
                        groupId, e.error(), userId);
            }
        }
        return memberOf;
    }
}
