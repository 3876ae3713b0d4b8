package dev.alfred.bot.slack;

import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.runs.Run;
import dev.alfred.agents.runtime.RunNotifier;
import dev.alfred.agents.runtime.RunProgress;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports runs in their Slack threads: root message, status message updated in place, answer and failures. */
@Singleton
public class SlackRunNotifier implements RunNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(SlackRunNotifier.class);

    private final SlackWeb slack;

    public SlackRunNotifier(SlackWeb slack) {
        this.slack = slack;
    }

    @Override
    public String openThread(Run run) {
        return slack.post(run.channelId(), null, ThreadMessages.root(run));
    }

    @Override
    public String progress(Run run, RunProgress progress, @Nullable String statusMessageTs) {
        ThreadMessage message = ThreadMessages.status(run, progress);
        if (statusMessageTs != null) {
            try {
                slack.update(run.channelId(), statusMessageTs, message);
                return statusMessageTs;
            } catch (SlackCallException e) {
                if (!"message_not_found".equals(e.error())) {
                    throw e;
                }
                LOG.info("status message of run {} is gone; posting a new one", run.id());
            }
        }
        return slack.post(run.channelId(), run.threadTs(), message);
    }

    @Override
    public void finalAnswer(Run run, String answer) {
        for (ThreadMessage message : ThreadMessages.finalAnswer(run, answer)) {
            slack.post(run.channelId(), run.threadTs(), message);
        }
    }

    @Override
    public void failed(Run run, String reason) {
        slack.post(run.channelId(), run.threadTs(), ThreadMessages.failure(run, reason));
    }

    @Override
    public void question(Run run, String question) {
        slack.post(run.channelId(), run.threadTs(), ThreadMessages.question(run, question));
    }

    @Override
    public String approvalRequested(Run run, StagedAction action) {
        return slack.post(run.channelId(), run.threadTs(), ApprovalCards.pending(run, action));
    }

    @Override
    public void approvalDecided(Run run, StagedAction action) {
        if (action.cardMessageTs() != null) {
            slack.update(run.channelId(), action.cardMessageTs(), action.status().isOpen()
                    ? ApprovalCards.pending(run, action) : ApprovalCards.decided(run, action));
        }
    }

    /** @return Slack's date formatting, each reader's own time zone, with an ISO fallback */
    @Override
    public String when(java.time.Instant instant) {
        return ApprovalCards.date(instant);
    }

    @Override
    public void approvalReminder(Run run, StagedAction action) {
        slack.post(run.channelId(), run.threadTs(), ThreadMessages.notice(ApprovalCards.reminder(run, action)));
    }

    @Override
    public void notice(Run run, String text) {
        slack.post(run.channelId(), run.threadTs(), ThreadMessages.notice(text));
    }
}
