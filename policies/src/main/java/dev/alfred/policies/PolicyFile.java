package dev.alfred.policies;

import java.util.List;

/**
 * One policy YAML file as written. All parts are optional; {@code defaults} and {@code commands} may appear in only
 * one file of a folder. YAML:
 * <pre>
 * version: 1
 * defaults:
 *   approval: {ttl: 24h, remind-at: 0.5}
 *   thread-input: requester  # or channel: who may answer and steer a run from its thread
 * commands: {...}          # see CommandRules
 * rules: [...]             # see PolicyRule
 * </pre>
 */
public record PolicyFile(Integer version, Defaults defaults, CommandRules commands, List<PolicyRule> rules) {

    public PolicyFile {
        if (version != null && version != 1) {
            throw new IllegalArgumentException("unsupported version " + version + ": this Alfred reads version 1");
        }
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /**
     * The {@code defaults} block: the approval window of rules that set none, and who may steer a run from its
     * thread ({@link ThreadInput}; {@code requester} when unset).
     */
    public record Defaults(ApprovalWindow approval, ThreadInput threadInput) {
    }
}
