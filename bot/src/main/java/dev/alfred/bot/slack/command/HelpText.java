package dev.alfred.bot.slack.command;

import dev.alfred.bot.slack.blocks.SlackText;

/** The text of {@code /alfred help}, also shown for unknown sub-commands. */
public final class HelpText {
    /** The help message, Slack mrkdwn. */
    public static final String HELP = """
            *Alfred* runs an AI agent on a task in a thread of this channel, shows each step, and asks before \
            anything with side effects happens.
            • `/alfred task [@agent] <what to do>` — start a run (of that agent; without one, alfred takes it and \
            may delegate to the specialists); I open a thread for it here
            • `/alfred schedule add <cron> [zone] [@agent] <task>` — run a task by itself at the times a cron \
            expression names (five fields such as `0 9 * * 1-5`, or `@hourly`, `@daily`, `@weekly`, `@monthly`; zone \
            an IANA name, default UTC), here and on your behalf
            • `/alfred schedule list` / `/alfred schedule pause|resume|delete|run <id>` — the schedules; stop, \
            restart, remove one, or run it now
            • `/alfred review <owner/repo#123 | PR URL>` — the reviewer agents each review the pull request; I \
            merge their findings and post one review once you approve it
            • `/alfred agents` — the agents, what each does, its model and its tools
            • `/alfred tools` — every tool the agents can use, by source (built-in, GitHub, each MCP server and \
            whether it is up), with its risk tier and what the policy decides for you here
            • `/alfred status [run]` — what the fleet is doing, or one run's state
            • `/alfred pause fleet|<agent>` / `/alfred resume fleet|<agent>` — stop every run (or one agent's) \
            before its next step, and let them continue
            • `/alfred cancel <run>` — end a run and withdraw its pending approvals
            • `/alfred policy [tool]` — which policy rule decides a tool's calls for you here, and who approves
            • `/alfred audit <run>` — a run's audit trail: model turns, tool calls and their rules, decisions
            • `/alfred help` — this message
            You can also mention me (`@Alfred [@agent] <what to do>`) and I work in that thread, or write to me             directly; a running task's status message has a *Stop* button.""";

    private HelpText() {
    }

    /** @return the help text, prefixed with why it is shown when {@code unknown} is not blank */
    public static String forUnknown(String unknown) {
        return "I don't know `" + SlackText.escape(unknown) + "`.\n" + HELP;
    }
}
