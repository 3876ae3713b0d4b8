package dev.alfred.bot.slack.blocks;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunOrigin;
import dev.alfred.agents.report.RunProgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the messages Alfred posts about a run. Side-effect free: every method maps values to a
 * {@link ThreadMessage}; nothing is sent here. All text from people or models is escaped with
 * {@link SlackText#escape(String)} so it cannot mention or link.
 */
public final class ThreadMessages {
    /** Characters of the task shown in the root message before it is cut. */
    static final int TASK_PREVIEW_CHARS = 2_000;
    /** Characters of a sub-run's brief shown in the parent's thread. */
    static final int BRIEF_PREVIEW_CHARS = 300;

    private ThreadMessages() {
    }

    /** The root message in the channel; its {@code ts} becomes the run's {@code thread_ts}. */
    public static ThreadMessage root(Run run) {
        // Cut after escaping (escaping lengthens text), within the preview and a section's limit.
        String text = BlockKitLimits.cut(origin(run, SlackText.escape(run.task())), TASK_PREVIEW_CHARS);
        boolean typed = RunOrigin.SLASH_COMMAND.equals(run.origin());
        return new ThreadMessage(text, List.of(
                section(s -> s.text(markdownText(text))),
                context(c -> c.elements(List.of(markdownText("Run `" + run.id() + "` · agent *"
                        + SlackText.escape(run.agent()) + "* · " + (typed ? "" : "on behalf of <@"
                        + run.requesterUserId() + "> · ") + "I'll work in this thread."))))));
    }

    /** @return the root message's first line: who or what asked, then the task (already escaped) */
    static String origin(Run run, String task) {
        java.util.Optional<String> schedule = RunOrigin.scheduleId(run.origin());
        if (schedule.isPresent()) {
            return ":alarm_clock: Scheduled: " + task + " (schedule `" + SlackText.escape(schedule.get()) + "`)";
        }
        java.util.Optional<String> trigger = RunOrigin.webhookTrigger(run.origin());
        if (trigger.isPresent()) {
            return ":zap: " + (run.origin().equals(RunOrigin.GITHUB) ? "From GitHub" : "From webhook `"
                    + SlackText.escape(trigger.get()) + "`") + ": " + task;
        }
        return "<@" + run.requesterUserId() + "> asked me to: " + task;
    }

    /** The status message in the thread, updated in place as steps advance. */
    public static ThreadMessage status(Run run, RunProgress progress) {
        String icon = progress.done() ? ("failed".equals(progress.activity()) ? ":x:"
                : "cancelled".equals(progress.activity()) ? ":stop_sign:" : ":white_check_mark:")
                : ":hourglass_flowing_sand:";
        String text = label(run) + icon + " Step " + progress.stepNo() + "/" + progress.maxSteps() + " · "
                + SlackText.escape(progress.activity()) + " · " + elapsed(progress.elapsed()) + " elapsed";
        return new ThreadMessage(text, List.of(context(c -> c.elements(List.of(markdownText(text))))));
    }

    /**
     * The final answer, split into as many thread replies as Slack's length limit needs. The first one mentions the
     * requester.
     */
    public static List<ThreadMessage> finalAnswer(Run run, String answer) {
        List<ThreadMessage> messages = new ArrayList<>();
        String body = (run.isSubRun() ? label(run) + "reports back (sub-run `" + run.id() + "`):\n"
                : "<@" + run.requesterUserId() + "> here is my answer:\n") + SlackText.escape(answer);
        for (String chunk : SlackText.split(body, SlackText.MAX_MESSAGE_CHARS)) {
            messages.add(new ThreadMessage(chunk, List.of()));
        }
        return messages;
    }

    /** The failure reply: the run ended without an answer, and why. */
    public static ThreadMessage failure(Run run, String reason) {
        String text = label(run) + ":x: " + (run.isSubRun() ? "sub-run" : "<@" + run.requesterUserId() + "> run")
                + " `" + run.id() + "` failed: "
                + SlackText.escape(reason);
        return new ThreadMessage(SlackText.split(text, SlackText.MAX_MESSAGE_CHARS).get(0), List.of());
    }

    /** A clarifying question ({@code ask_human}), mentioning the requester. */
    public static ThreadMessage question(Run run, String question) {
        String text = label(run) + ":question: <@" + run.requesterUserId() + "> " + SlackText.escape(question)
                + "\n_Reply in this thread to answer._";
        return new ThreadMessage(SlackText.split(text, SlackText.MAX_MESSAGE_CHARS).get(0), List.of());
    }

    /** The parent's note that it delegated: who to, the sub-run's id and its brief. */
    public static ThreadMessage subRunStarted(Run parent, Run child) {
        String text = ":arrow_right: *" + SlackText.escape(parent.agent()) + "* delegated to *"
                + SlackText.escape(child.agent()) + "* (sub-run `" + child.id() + "`): "
                + SlackText.escape(preview(child.task().replaceAll("\\s+", " "), BRIEF_PREVIEW_CHARS));
        return new ThreadMessage(SlackText.split(text, SlackText.MAX_MESSAGE_CHARS).get(0), List.of());
    }

    /** @return for a sub-run, its codename in bold before what it says; nothing for a root run */
    static String label(Run run) {
        return run.isSubRun() ? "*" + SlackText.escape(run.agent()) + "* · " : "";
    }

    /** A plain notice in the thread, already in Slack mrkdwn. */
    public static ThreadMessage notice(String text) {
        return new ThreadMessage(SlackText.split(text, SlackText.MAX_MESSAGE_CHARS).get(0), List.of());
    }

    /** @return {@code m:ss} for durations under an hour, else {@code h:mm:ss} */
    static String elapsed(Duration elapsed) {
        long seconds = Math.max(0, elapsed.toSeconds());
        return seconds >= 3600
                ? String.format("%d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    private static String preview(String text, int limit) {
        return text.length() > limit ? text.substring(0, limit) + "… (cut)" : text;
    }
}
