package dev.alfred.policies;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded policy: the rules of every file in order, the command rules and the default approval window. Evaluation
 * is pure. Calls no rule matches fall to built-in rules: {@value #DEFAULT_READ} allows {@code read} calls and
 * {@value #DEFAULT_APPROVAL} requires approval for the rest. The tier floor {@value #DESTRUCTIVE_FLOOR} turns an
 * {@code allow} of a {@code destructive} call into {@code require_approval}: no rule can lower it.
 */
public final class PolicyBook implements Policy {
    /** Built-in rule: {@code read} calls no rule matched are allowed. */
    public static final String DEFAULT_READ = "default-read-allow";
    /** Built-in rule: other calls no rule matched require approval. */
    public static final String DEFAULT_APPROVAL = "default-require-approval";
    /** Built-in floor: {@code destructive} calls always require approval or are denied. */
    public static final String DESTRUCTIVE_FLOOR = "destructive-floor";
    private static final String BUILT_IN = "built-in";

    private final List<PolicyRule> rules;
    private final Map<String, String> sources;
    private final CommandRules commands;
    private final ApprovalWindow defaultWindow;
    private final ThreadInput threadInput;

    /**
     * @param rules         every rule, in evaluation order
     * @param sources       rule id → the file it came from
     * @param commands      who may use which sub-commands
     * @param defaultWindow approval window for rules that set none
     */
    public PolicyBook(List<PolicyRule> rules, Map<String, String> sources, CommandRules commands,
            ApprovalWindow defaultWindow) {
        this(rules, sources, commands, defaultWindow, null);
    }

    /**
     * @param rules         every rule, in evaluation order
     * @param sources       rule id → the file it came from
     * @param commands      who may use which sub-commands
     * @param defaultWindow approval window for rules that set none
     * @param threadInput   who may steer a run from its thread; null for {@link ThreadInput#REQUESTER}
     */
    public PolicyBook(List<PolicyRule> rules, Map<String, String> sources, CommandRules commands,
            ApprovalWindow defaultWindow, ThreadInput threadInput) {
        this.threadInput = threadInput == null ? ThreadInput.REQUESTER : threadInput;
        this.rules = List.copyOf(rules);
        this.sources = Map.copyOf(sources);
        this.commands = commands == null ? CommandRules.OPEN : commands;
        this.defaultWindow = defaultWindow == null ? ApprovalWindow.UNSET : defaultWindow;
    }

    /** @return who may steer a run from its thread: {@code defaults.thread-input}, {@code requester} when unset */
    public ThreadInput threadInput() {
        return threadInput;
    }

    @Override
    public PolicyDecision evaluate(ToolCallRequest request, Instant now) {
        for (PolicyRule rule : rules) {
            if (rule.match().matches(request)) {
                return decide(rule, request.tier());
            }
        }
        return fallback(request.tier());
    }

    /**
     * Lists the rules that could decide a call of this tool by this user in this channel, in order, ending at the
     * first that applies whatever the arguments.
     *
     * @param request  the call, arguments ignored
     * @param mentions how approvers are named
     * @return at least one entry; the last applies unconditionally
     */
    public List<RuleExplanation> explain(ToolCallRequest request, Mentions mentions) {
        List<RuleExplanation> candidates = new ArrayList<>();
        for (PolicyRule rule : rules) {
            if (rule.match().matchesCall(request)) {
                String condition = rule.match().describeArgs();
                candidates.add(new RuleExplanation(rule.id(), sources.getOrDefault(rule.id(), BUILT_IN),
                        describe(rule, decide(rule, request.tier()), request, mentions), condition));
                if (condition == null) {
                    return candidates;
                }
            }
        }
        PolicyDecision fallback = fallback(request.tier());
        candidates.add(new RuleExplanation(fallback.ruleId(), BUILT_IN, describe(null, fallback, request, mentions),
                null));
        return candidates;
    }

    /**
     * Decides whether a person may use a sub-command here.
     *
     * @param command  {@code task}, {@code pause}, {@code resume}, {@code cancel}, {@code audit}, or another (open)
     * @param memberOf the ids among {@link #commandGroups(String)} the user belongs to
     * @param mentions how the reason names people, groups and channels
     * @return empty when allowed, otherwise the reason, as a sentence
     */
    public Optional<String> commandRefusal(String command, String userId, String channelId,
            Collection<String> memberOf, Mentions mentions) {
        return commands.forCommand(command).refusal(command, userId, channelId, memberOf, mentions);
    }

    /** @return the user group ids whose membership decides access to {@code command} */
    public List<String> commandGroups(String command) {
        return commands.forCommand(command).groups();
    }

    /** @return whether the policy names who may use {@code command} (users or groups), rather than leaving it open */
    public boolean commandRestricted(String command) {
        CommandRule rule = commands.forCommand(command);
        return !rule.users().isEmpty() || !rule.groups().isEmpty();
    }

    /** @return how many rules were loaded from files */
    public int size() {
        return rules.size();
    }

    private PolicyDecision decide(PolicyRule rule, RiskTier tier) {
        return switch (rule.decision()) {
            case DENY -> new PolicyDecision.Deny(rule.id(), rule.reason());
            case ALLOW -> tier == RiskTier.DESTRUCTIVE ? floor() : new PolicyDecision.Allow(rule.id());
            case REQUIRE_APPROVAL -> new PolicyDecision.RequireApproval(rule.id(), rule.approvers().resolve(tier),
                    rule.approval().orElse(defaultWindow));
        };
    }

    private PolicyDecision floor() {
        return new PolicyDecision.RequireApproval(DESTRUCTIVE_FLOOR,
                ApproversSpec.DEFAULT.resolve(RiskTier.DESTRUCTIVE), defaultWindow);
    }

    private PolicyDecision fallback(RiskTier tier) {
        return switch (tier) {
            case READ -> new PolicyDecision.Allow(DEFAULT_READ);
            case WRITE, DESTRUCTIVE -> new PolicyDecision.RequireApproval(DEFAULT_APPROVAL,
                    ApproversSpec.DEFAULT.resolve(tier), defaultWindow);
        };
    }

    private static String describe(PolicyRule rule, PolicyDecision decision, ToolCallRequest request,
            Mentions mentions) {
        String words;
        if (decision instanceof PolicyDecision.Deny deny) {
            words = "deny (\"" + deny.reason() + "\")";
        } else if (decision instanceof PolicyDecision.RequireApproval approval) {
            Approvers a = approval.approvers();
            words = "require approval by " + a.describe(request.userId(), mentions)
                    + (a.count() > 1 ? ", " + a.count() + " distinct approvers" : "");
        } else {
            words = "allow";
        }
        if (rule != null && rule.decision() == RuleDecision.ALLOW && !decision.ruleId().equals(rule.id())) {
            words += " — the rule says allow, but `" + DESTRUCTIVE_FLOOR + "` requires approval for destructive "
                    + "tools";
        }
        return words;
    }
}
