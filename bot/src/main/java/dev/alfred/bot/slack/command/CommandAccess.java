package dev.alfred.bot.slack.command;

import dev.alfred.bot.slack.blocks.SlackMentions;

import dev.alfred.agents.approvals.ApproverDirectory;
import dev.alfred.agents.audit.AuditLog;
import dev.alfred.policies.PolicyBook;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a person may use an {@code /alfred} sub-command here, by the policy's {@code commands} block.
 * User group membership is looked up only when the rule names groups. Every refusal is recorded in the audit log as
 * {@code command.refused}.
 */
@Singleton
public class CommandAccess {
    private final PolicyBook policy;
    private final ApproverDirectory directory;
    private final AuditLog audit;

    public CommandAccess(PolicyBook policy, ApproverDirectory directory, AuditLog audit) {
        this.policy = policy;
        this.directory = directory;
        this.audit = audit;
    }

    /** @return whether the policy names who may use {@code command}, so that passing its check is a privilege */
    public boolean isNamed(String command) {
        return policy.commandRestricted(command);
    }

    /**
     * @param command the sub-command, e.g. {@code task}
     * @param text    the whole command text, recorded with a refusal
     * @return empty when allowed, otherwise the reason to show the person (Slack mrkdwn)
     */
    public Optional<String> refusal(String command, String userId, String channelId, String text) {
        Optional<String> refusal = wouldRefuse(command, userId, channelId);
        refusal.ifPresent(reason -> audit.record(null, "command.refused", userId, null, "/alfred " + command
                + " refused: " + reason, Map.of("channelId", channelId, "text", text)));
        return refusal;
    }

    /**
     * Like {@link #refusal} but records nothing: for deciding what to show (App Home's buttons), not for acting.
     *
     * @return empty when allowed, otherwise the reason (Slack mrkdwn)
     */
    public Optional<String> wouldRefuse(String command, String userId, String channelId) {
        List<String> groups = policy.commandGroups(command);
        Set<String> memberOf = groups.isEmpty() ? Set.of() : directory.groupsOf(userId, groups);
        return policy.commandRefusal(command, userId, channelId, memberOf, SlackMentions.SLACK);
    }
}
