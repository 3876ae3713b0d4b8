package dev.alfred.policies;

import java.util.List;

/**
 * The {@code approvers} block of a rule, as written. YAML:
 * <pre>
 * approvers:
 *   requester: false        # the person who asked for the run (default: true when nobody else is named)
 *   users: [U012AB3CD]      # Slack user ids
 *   groups: [S0614TZR7]     # Slack user group ids, resolved with usergroups.users.list
 *   anyone: false           # any member of the workspace
 *   count: 2                # distinct approvers required (two-person rule), default 1
 *   self-approval: false    # may the requester approve their own request (default: false for destructive calls)
 * </pre>
 * Unset fields are {@code null} and get their defaults in {@link #resolve(RiskTier)}.
 */
public record ApproversSpec(Boolean requester, List<String> users, List<String> groups, Boolean anyone,
        Integer count, Boolean selfApproval) {
    /** Nothing named: the requester for {@code write}, anyone but the requester for {@code destructive}. */
    public static final ApproversSpec DEFAULT = new ApproversSpec(null, null, null, null, null, null);

    public ApproversSpec {
        users = users == null ? List.of() : List.copyOf(users);
        groups = groups == null ? List.of() : List.copyOf(groups);
        SlackIds.users(users);
        SlackIds.groups(groups);
        if (count != null && count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (Boolean.TRUE.equals(requester) && Boolean.FALSE.equals(selfApproval)) {
            throw new IllegalArgumentException("requester: true contradicts self-approval: false");
        }
        if (Boolean.FALSE.equals(requester) && !Boolean.TRUE.equals(anyone) && users.isEmpty() && groups.isEmpty()) {
            throw new IllegalArgumentException("nobody could approve: name users or groups, or set requester or "
                    + "anyone to true");
        }
        if (count != null && !Boolean.TRUE.equals(anyone) && groups.isEmpty()) {
            long possible = users.stream().distinct().count() + (Boolean.TRUE.equals(requester) ? 1 : 0);
            if (count > Math.max(possible, 1)) {
                throw new IllegalArgumentException("count " + count + " can never be reached: only " + possible
                        + " possible approver(s) are named");
            }
        }
    }

    /**
     * Fills in the defaults for a call of {@code tier}. Self-approval defaults to forbidden for {@code destructive}
     * calls, unless the rule names the requester as an approver ({@code requester: true} means the requester may
     * approve). The requester is an approver by default only when nobody else is named and self-approval is
     * allowed; when nobody at all is left, anyone but the requester may approve (never wider than that).
     *
     * @return the approvers for this call; never unsatisfiable
     */
    public Approvers resolve(RiskTier tier) {
        boolean self = selfApproval != null ? selfApproval
                : Boolean.TRUE.equals(requester) || tier != RiskTier.DESTRUCTIVE;
        boolean named = Boolean.TRUE.equals(anyone) || !users.isEmpty() || !groups.isEmpty();
        boolean req = requester != null ? requester : !named && self;
        boolean any = Boolean.TRUE.equals(anyone) || (!req && !named);
        return new Approvers(req, users, groups, any, count == null ? 1 : count, self);
    }
}
