package dev.alfred.bot.slack.web;

import dev.alfred.bot.slack.blocks.ApprovalCards;
import dev.alfred.bot.slack.blocks.OutboxBodies;
import dev.alfred.bot.slack.blocks.ThreadMessage;
import dev.alfred.bot.slack.blocks.ThreadMessages;
import dev.alfred.agents.approvals.StagedAction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.agents.outbox.Outbox;
import dev.alfred.agents.tools.ToolRegistry;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.report.Report;
import dev.alfred.agents.report.RunReporter;
import dev.alfred.bot.slack.blocks.Notices;
import dev.alfred.agents.report.RunProgress;
import jakarta.inject.Singleton;

/**
 * Reports runs in their Slack threads. The root message is posted at once (its {@code ts} is the thread); everything
 * else goes through the {@link Outbox}: enqueued in the caller's transaction, delivered in order per thread by the
 * outbox drainer. The status message and approval cards are named posts ({@code status:<runId>},
 * {@code card:<actionId>}), so they are posted once and updated in place.
 */
@Singleton
public class SlackRunReporter implements RunReporter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SlackWeb slack;
    private final Outbox outbox;
    /** Lazily: the registry's tools may themselves report (a bean cycle otherwise). */
    private final jakarta.inject.Provider<ToolRegistry> tools;

    public SlackRunReporter(SlackWeb slack, Outbox outbox, jakarta.inject.Provider<ToolRegistry> tools) {
        this.slack = slack;
        this.outbox = outbox;
        this.tools = tools;
    }

    @Override
    public String openThread(Run run) {
        return slack.post(run.channelId(), null, ThreadMessages.root(run));
    }

    /**
     * Opens the run's thread with one {@code chat.postMessage} and no retries, for the 3-second window of a slash
     * command: a rate-limited or failing Slack is left to the job, which opens the thread with retries.
     *
     * @return the root message's {@code ts}
     * @throws SlackCallException when Slack refuses or cannot be reached
     */
    public String openThreadOnce(Run run) {
        return slack.postOnce(run.channelId(), null, ThreadMessages.root(run));
    }

    @Override
    public void report(Run run, Report fact) {
        if (fact instanceof Report.Progress progress) {
            progress(run, progress.progress());
        } else if (fact instanceof Report.Answered answered) {
            ThreadMessages.finalAnswer(run, answered.answer()).forEach(message -> post(run, message));
        } else if (fact instanceof Report.Failed failed) {
            post(run, ThreadMessages.failure(run, failed.reason()));
        } else if (fact instanceof Report.Question question) {
            post(run, ThreadMessages.question(run, question.question()));
        } else if (fact instanceof Report.ApprovalRequested requested) {
            approvalRequested(run, requested.action());
        } else if (fact instanceof Report.ApprovalDecided decided) {
            approvalDecided(run, decided.action());
        } else if (fact instanceof Report.ApprovalReminder reminder) {
            post(run, ThreadMessages.notice(ApprovalCards.reminder(run, reminder.action())));
        } else if (fact instanceof Report.SubRunStarted started) {
            post(run, ThreadMessages.subRunStarted(run, started.child()));
        } else {
            post(run, ThreadMessages.notice(Notices.text(run, fact).orElseThrow(
                    () -> new IllegalArgumentException("no Slack message for " + fact))));
        }
    }

    private void progress(Run run, RunProgress progress) {
        String body = OutboxBodies.encode(ThreadMessages.status(run, progress));
        String ref = Outbox.STATUS_PREFIX + run.id();
        if (!outbox.post(run.id(), run.channelId(), thread(run), body, ref)) {
            outbox.updateLatest(run.id(), run.channelId(), thread(run), ref, body);
        }
    }

    private void approvalRequested(Run run, StagedAction action) {
        outbox.post(run.id(), run.channelId(), thread(run), OutboxBodies.encode(ApprovalCards.pending(run, action,
                destination(action))),
                Outbox.CARD_PREFIX + action.id());
    }

    private void approvalDecided(Run run, StagedAction action) {
        String ref = Outbox.CARD_PREFIX + action.id();
        if (outbox.named(ref)) {
            outbox.update(run.id(), run.channelId(), thread(run), ref, OutboxBodies.encode(action.status().isOpen()
                    ? ApprovalCards.pending(run, action, destination(action))
                    : ApprovalCards.decided(run, action, destination(action))));
        }
    }

    /** @return where the staged call goes, as its tool resolves it now (the HTTP tools: host, port, addresses) */
    private String destination(StagedAction action) {
        if (action.isHold()) {
            return null;
        }
        String arguments = action.editedArguments() == null ? action.arguments() : action.editedArguments();
        try {
            JsonNode parsed = JSON.readTree(arguments);
            return tools.get().find(action.toolName()).flatMap(tool -> tool.destination(parsed)).orElse(null);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private void post(Run run, ThreadMessage message) {
        outbox.post(run.id(), run.channelId(), thread(run), OutboxBodies.encode(message), null);
    }

    private static String thread(Run run) {
        return run.threadTs() == null ? SlackOutboxTransport.NO_THREAD : run.threadTs();
    }
}
