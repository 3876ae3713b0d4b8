package dev.alfred.policies;

/**
 * The {@code commands} block of a policy: who may use which {@code /alfred} sub-commands. Missing entries are open
 * to everyone. YAML:
 * <pre>
 * commands:
 *   task:    {users: [...], groups: [...], channels: [...]}   # /alfred task, /alfred schedule
 *   control: {groups: [S0ONCALL]}                             # /alfred pause, resume, cancel
 *   audit:   {groups: [S0ONCALL]}                             # /alfred audit
 * </pre>
 */
public record CommandRules(CommandRule task, CommandRule control, CommandRule audit) {
    /** Everything open. */
    public static final CommandRules OPEN = new CommandRules(null, null, null);

    public CommandRules {
        task = task == null ? CommandRule.OPEN : task;
        control = control == null ? CommandRule.OPEN : control;
        audit = audit == null ? CommandRule.OPEN : audit;
    }

    /**
     * @param command a sub-command: {@code task} (and {@code schedule} and {@code review}, which start runs too),
     *                {@code pause}, {@code resume}, {@code cancel} or {@code audit}; any other is open to everyone
     * @return the rule governing it
     */
    public CommandRule forCommand(String command) {
        return switch (command) {
            case "task", "schedule", "review" -> task;
            case "pause", "resume", "cancel" -> control;
            case "audit" -> audit;
            default -> CommandRule.OPEN;
        };
    }
}
