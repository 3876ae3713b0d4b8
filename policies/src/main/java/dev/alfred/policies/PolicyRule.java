package dev.alfred.policies;

import java.util.regex.Pattern;

/**
 * One rule of a policy file. Rules are tried in order; the first whose {@link RuleMatch} holds decides. YAML:
 * <pre>
 * - id: small-pull-requests          # unique across all files: [a-z0-9][a-z0-9._-]*
 *   description: Small PRs need no approval
 *   match: {tool: github_create_pull_request, args: {changed_lines: {lt: 50}}}
 *   decision: allow                  # allow | require_approval | deny
 *   reason: ...                      # deny only: what the model is told
 *   approvers: {...}                 # require_approval only, see ApproversSpec
 *   approval: {ttl: 30m, remind-at: 0.5}   # require_approval only, see ApprovalWindow
 * </pre>
 */
public record PolicyRule(String id, String description, RuleMatch match, RuleDecision decision, String reason,
        ApproversSpec approvers, ApprovalWindow approval) {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public PolicyRule {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("every rule needs an id of lower-case letters, digits, '.', '_' or "
                    + "'-' (at most 64), got " + (id == null ? "none" : "'" + id + "'"));
        }
        if (decision == null) {
            throw new IllegalArgumentException("rule '" + id + "' needs a decision: allow, require_approval or deny");
        }
        if (decision != RuleDecision.REQUIRE_APPROVAL && (approvers != null || approval != null)) {
            throw new IllegalArgumentException("rule '" + id + "': approvers and approval belong only to "
                    + "require_approval rules");
        }
        if (decision != RuleDecision.DENY && reason != null) {
            throw new IllegalArgumentException("rule '" + id + "': reason belongs only to deny rules");
        }
        match = match == null ? RuleMatch.ANY : match;
        reason = reason == null && decision == RuleDecision.DENY ? "this call is not allowed" : reason;
        approvers = approvers == null ? ApproversSpec.DEFAULT : approvers;
        approval = approval == null ? ApprovalWindow.UNSET : approval;
    }
}
