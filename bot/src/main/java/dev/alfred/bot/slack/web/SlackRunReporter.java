package dev.alfred.bot.slack.web;

import dev.alfred.bot.slack.blocks.ApprovalCards;
import dev.alfred.bot.slack.blocks.AssistantStatuses;
import dev.alfred.bot.slack.blocks.OutboxBodies;
import dev.alfred.bot.slack.blocks.OutboxOps;
import dev.alfred.bot.slack.blocks.StreamedAnswers;
import dev.alfred.bot.slack.blocks.RunControls;
import dev.alfred.bot.slack.blocks.ThreadMessage;
import dev.alfred.bot.slack.blocks.ThreadMessages;
import dev.alfred.agents.approvals.StagedAction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.agents.outbox.Outbox;
import dev.alfred.agents.tools.ToolRegistry;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunOrigin;
import dev.alfred.agents.report.Report;
import dev.alfred.agents.report.RunReporter;
import dev.alfred.bot.slack.blocks.Notices;
import dev.alfred.agents.report.RunProgress;
import dev.alfred.agents.tools.mcp.McpServers;
import dev.alfred.agents.tools.mcp.McpToolNames;
import jakarta.inject.Singleton;

/**
 * Reports runs in their Slack threads. The root message is posted at once (its {@code ts} is the thread); everything
 * else goes through the {@link Outbox}: enqueued in the caller's transaction, delivered in order per thread by the
 * outbox drainer. The status message and approval cards are named posts ({@code status:<runId>},
 * {@code card:<actionId>}), so they are posted once and updated in place; while the run goes on, its status message
 * carries the Stop button ({@link RunControls}). A run in a direct message or an assistant thread has its answer
 * streamed ({@link OutboxOps.Stream}); in an assistant thread it also sets the thread's title and status.
 */
@Singleton
public class SlackRunReporter implements RunReporter {
    /** Outbox name of an assistant thread's title, set once per run. */
    static final String ASSISTANT_TITLE_PREFIX = "assistant-title:";
    /** Outbox name prefix of an assistant thread's status, set once per step ({@code <runId>:<stepNo>}). */
    static final String ASSISTANT_STATUS_PREFIX = "assistant-status:";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SlackWeb slack;
    private final Outbox outbox;
    private final McpServers mcp;
    /** Lazily: the registry's tools may themselves report (a bean cycle otherwise). */
    private final jakarta.inject.Provider<ToolRegistry> tools;

    public SlackRunReporter(SlackWeb slack, Outbox outbox, McpServers mcp,
            jakarta.inject.Provider<ToolRegistry> tools) {
        this.slack = slack;
        this.outbox = outbox;
        this.mcp = mcp;
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
            answered(run, answered.answer());
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
        ThreadMessage status = ThreadMessages.status(run, progress);
        String body = OutboxBodies.encode(progress.done() ? status : RunControls.withStop(status, run));
        String ref = Outbox.STATUS_PREFIX + run.id();
        outbox.postOrUpdateLatest(run.id(), run.channelId(), thread(run), ref, body);
        if (RunOrigin.ASSISTANT_THREAD.equals(run.origin()) && !run.isSubRun() && !progress.done()) {
            assistantThread(run, progress);
        }
    }

    /**
     * In an assistant thread: the title from the task, once; and Slack's status line ("Alfred is thinking…") for each
     * step, which Slack clears by itself when Alfred next posts in the thread.
     */
    private void assistantThread(Run run, RunProgress progress) {
        outbox.post(run.id(), run.channelId(), thread(run), OutboxOps.encode(new OutboxOps.AssistantTitle(
                AssistantStatuses.title(run.task()))), ASSISTANT_TITLE_PREFIX + run.id());
        outbox.post(run.id(), run.channelId(), thread(run), OutboxOps.encode(new OutboxOps.AssistantStatus(
                AssistantStatuses.status(progress.activity()))),
                ASSISTANT_STATUS_PREFIX + run.id() + ":" + progress.stepNo());
    }

    /** In a direct message or an assistant thread the answer is streamed; elsewhere it is posted, split. */
    private void answered(Run run, String answer) {
        if (RunOrigin.isDirect(run.origin()) && !run.isSubRun()) {
            StreamedAnswers.messages(answer).forEach(message -> outbox.post(run.id(), run.channelId(), thread(run),
                    OutboxOps.encode(new OutboxOps.Stream(message)), null));
        } else {
            ThreadMessages.finalAnswer(run, answer).forEach(message -> post(run, message));
        }
    }

    private void approvalRequested(Run run, StagedAction action) {
        outbox.post(run.id(), run.channelId(), thread(run), OutboxBodies.encode(ApprovalCards.pending(run, action,
                mcpTool(action), destination(action))), Outbox.CARD_PREFIX + action.id());
    }

    private void approvalDecided(Run run, StagedAction action) {
        String ref = Outbox.CARD_PREFIX + action.id();
        if (outbox.named(ref)) {
            outbox.update(run.id(), run.channelId(), thread(run), ref, OutboxBodies.encode(action.status().isOpen()
                    ? ApprovalCards.pending(run, action, mcpTool(action), destination(action))
                    : ApprovalCards.decided(run, action, mcpTool(action), destination(action))));
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

    /** @return the MCP server and tool behind the action's tool, when it is an MCP server's */
    private McpToolNames.Key mcpTool(StagedAction action) {
        return action.toolName().startsWith(McpToolNames.PREFIX) ? mcp.origin(action.toolName()).orElse(null) : null;
    }

    private static String thread(Run run) {
        return run.threadTs() == null ? SlackOutboxTransport.NO_THREAD : run.threadTs();
    }
}
