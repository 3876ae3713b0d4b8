package dev.alfred.policies;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Who may approve one staged call, and how many must: an {@link ApproversSpec} resolved for the call's risk tier.
 * Stored with the staged action as JSON.
 *
 * @param requester    whether the requester is an approver
 * @param users        Slack user ids who may approve
 * @param groups       Slack user group ids whose members may approve
 * @param anyone       whether any workspace member may approve
 * @param count        distinct approvals required, at least 1
 * @param selfApproval whether the requester's own approval counts
 */
public record Approvers(boolean requester, List<String> users, List<String> groups, boolean anyone, int count,
        boolean selfApproval) {

    public Approvers {
        users = users == null ? List.of() : List.copyOf(users);
        groups = groups == null ? List.of() : List.copyOf(groups);
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (requester && !selfApproval) {
            throw new IllegalArgumentException("requester: true contradicts self-approval: false");
        }
        if (!requester && !anyone && users.isEmpty() && groups.isEmpty()) {
            throw new IllegalArgumentException("nobody could approve: name users or groups, or set requester or "
                    + "anyone to true");
        }
    }

    /** The requester alone, one approval: the default for {@code write} calls. */
    public static Approvers requesterOnly() {
        return new Approvers(true, List.of(), List.of(), false, 1, true);
    }

    /** Anyone but the requester, one approval (four-eyes): the default for {@code destructive} calls. */
    public static Approvers anyoneButRequester() {
        return new Approvers(false, List.of(), List.of(), true, 1, false);
    }

    /**
     * Decides whether one person may add an approval. Pure: group membership is resolved by the caller.
     *
     * @param userId          the person clicking
     * @param requesterUserId the person who asked for the run
     * @param memberOf        the ids among {@link #groups()} that {@code userId} belongs to
     * @param approvedSoFar   user ids whose approvals already count
     * @param mentions        how the reason names people and groups
     * @return empty when the approval counts, otherwise the reason it does not, as a sentence
     */
    public Optional<String> refusal(String userId, String requesterUserId, Collection<String> memberOf,
            Collection<String> approvedSoFar, Mentions mentions) {
        if (approvedSoFar.contains(userId)) {
            return Optional.of("You have already approved this; it needs " + (count - approvedSoFar.size())
                    + " more approval(s) from someone else.");
        }
        boolean isRequester = userId.equals(requesterUserId);
        if (isRequester && !selfApproval) {
            return Optional.of("You asked for this run, and this policy rule forbids approving your own request.");
        }
        boolean eligible = anyone || (requester && isRequester) || users.contains(userId)
                || groups.stream().anyMatch(memberOf::contains);
        return eligible ? Optional.empty() : Optional.of("Only " + describe(requesterUserId, mentions)
                + " may approve this.");
    }

    /**
     * @param requesterUserId the person who asked for the run
     * @param mentions        how people and groups are named
     * @return who may approve, e.g. (with Slack's mentions) {@code <@U1>, members of <!subteam^S1>}
     */
    public String describe(String requesterUserId, Mentions mentions) {
        List<String> who = new ArrayList<>();
        if (anyone) {
            who.add("anyone in the workspace");
        }
        if (requester) {
            who.add(mentions.user(requesterUserId) + " (the requester)");
        }
        users.stream().filter(u -> !(requester && u.equals(requesterUserId)))
                .forEach(u -> who.add(mentions.user(u)));
        groups.forEach(g -> who.add("members of " + mentions.group(g)));
        String list = String.join(", ", who);
        return anyone && !selfApproval ? list + " except " + mentions.user(requesterUserId) + " (the requester)"
                : !selfApproval ? list + " (not " + mentions.user(requesterUserId) + ", the requester)" : list;
    }
}
