package dev.alfred.agents.approvals;

import java.util.Collection;
import java.util.Set;

/**
 * Answers which user groups a person belongs to, for approver rules and command access that name groups. The
 * Slack implementation asks {@code usergroups.users.list} and caches briefly; without one, nobody is in any group.
 */
public interface ApproverDirectory {

    /**
     * @param userId   a Slack user id
     * @param groupIds Slack user group ids to check
     * @return the ids among {@code groupIds} that {@code userId} belongs to; empty when none or unknown
     */
    Set<String> groupsOf(String userId, Collection<String> groupIds);
}
