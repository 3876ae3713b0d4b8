package dev.alfred.bot.slack.blocks;

/**
 * What an assistant thread shows while a run works in it: its title in the container's history (from the task) and
 * the status line under the composer, which Slack prefixes with the app's name ("Alfred is thinking…",
 * https://docs.slack.dev/reference/methods/assistant.threads.setStatus). Both are plain text, so nothing is escaped.
 */
public final class AssistantStatuses {
    /** Characters of the task a thread's title shows before it is cut. */
    static final int TITLE_CHARS = 80;

    private AssistantStatuses() {
    }

    /** @return the thread's title: the task's first line, cut */
    public static String title(String task) {
        String line = task.strip().lines().findFirst().orElse("").strip();
        return line.length() > TITLE_CHARS ? line.substring(0, TITLE_CHARS - 1).stripTrailing() + "…" : line;
    }

    /** @return the status for a step's activity, e.g. {@code is calling http_get…} */
    public static String status(String activity) {
        return "is " + (activity == null || activity.isBlank() ? "working" : activity) + "…";
    }
}
