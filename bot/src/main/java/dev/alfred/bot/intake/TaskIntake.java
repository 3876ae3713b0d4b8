package dev.alfred.bot.intake;

import dev.alfred.agents.catalog.AgentCatalog;
import dev.alfred.agents.catalog.AgentDefinition;
import dev.alfred.agents.run.NewRun;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunOrigin;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.RunnerSettings;
import dev.alfred.bot.slack.web.SlackCallException;
import dev.alfred.bot.slack.web.SlackRunReporter;
import dev.alfred.jobs.RunQueue;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a task into a run: record it (de-duplicated by delivery key), open its thread, enqueue an
 * {@code AdvanceRunJob}. A request that comes with its thread (a mention, a direct message) is recorded in that
 * thread and opens nothing: no Slack call is made before the ack. Opening the thread of a slash command's run here,
 * inside the 3-second window, costs one {@code chat.postMessage}
 * and lets a channel Alfred cannot post in be refused at once with the reason; if Slack is merely slow, failing or
 * rate limiting the channel, the run is enqueued anyway and the job opens the thread. That one call is not retried
 * here: retries (and a 429's wait) would outlast the window, which a burst of tasks in one channel showed.
 *
 * <p>A slash command's task takes {@link #acceptThenOpen} instead: the run is recorded before the ack (that
 * transaction is the durable record of the request), and its thread is opened and the run enqueued right after the
 * ack, on the after-ack lanes ({@link SlackInboxWorker#afterAck}). If this process dies in between, the run is
 * {@code QUEUED} with no wake-up, which the recurring {@code sweep-stale-runs} job finds; its job opens the thread.
 */
@Singleton
public class TaskIntake {
    private static final Logger LOG = LoggerFactory.getLogger(TaskIntake.class);

    private final RunStore store;
    private final SlackRunReporter reporter;
    private final RunQueue queue;
    private final RunnerSettings settings;
    private final AgentCatalog agents;
    private final SlackInboxWorker afterAck;

    public TaskIntake(RunStore store, SlackRunReporter reporter, RunQueue queue, RunnerSettings settings,
            AgentCatalog agents, SlackInboxWorker afterAck) {
        this.afterAck = afterAck;
        this.agents = agents;
        this.store = store;
        this.reporter = reporter;
        this.queue = queue;
        this.settings = settings;
    }

    /**
     * @return what became of the request; never throws for a Slack or queue failure
     * @throws IllegalArgumentException when the request names an agent that is not defined (check it before)
     */
    public IntakeResult accept(TaskRequest request) {
        Optional<Run> created = create(request);
        if (created.isEmpty()) {
            return new IntakeResult.Duplicate();
        }
        return open(created.get());
    }

    /**
     * Records the run now and opens its thread and enqueues it right after the caller's ack.
     *
     * @param tellLater receives, after the ack, a refusal the requester can act on (e.g. a channel Alfred cannot post
     *                  in), Slack mrkdwn; called on an after-ack lane
     * @return {@link IntakeResult.Accepted} or {@link IntakeResult.Duplicate}; never {@code Refused}
     * @throws IllegalArgumentException when the request names an agent that is not defined (check it before)
     */
    public IntakeResult acceptThenOpen(TaskRequest request, Consumer<String> tellLater) {
        Optional<Run> created = create(request);
        if (created.isEmpty()) {
            return new IntakeResult.Duplicate();
        }
        Run run = created.get();
        afterAck.afterAck("task:" + run.id(), () -> {
            if (open(run) instanceof IntakeResult.Refused refused) {
                tellLater.accept(refused.reason());
            }
        });
        return new IntakeResult.Accepted(run);
    }

    private Optional<Run> create(TaskRequest request) {
        AgentDefinition agent = agents.find(request.agent()).orElseThrow(() -> new IllegalArgumentException(
                "no agent is called " + request.agent()));
        String systemPrompt = request.earlier() == null ? agent.systemPrompt() : agent.systemPrompt()
                + "\n\n" + request.earlier();
        return store.create(request.deliveryKey(), new NewRun(agent.name(), request.task(),
                request.teamId(), request.channelId(), request.userId(), systemPrompt,
                agent.maxSteps() != null ? agent.maxSteps() : settings.getMaxSteps(), agent.budgetUsd(),
                request.threadTs(), null, null, request.origin()));
    }

    private IntakeResult open(Run run) {
        if (run.threadTs() == null) {
            Optional<IntakeResult> refused = openThread(run);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        return enqueue(run);
    }

    /** @return a refusal when the channel takes no posts from Alfred; empty when the thread is open or left to later */
    private Optional<IntakeResult> openThread(Run run) {
        try {
            store.setThreadTs(run.id(), reporter.openThreadOnce(run));
        } catch (SlackCallException e) {
            if (e.isPermanent()) {
                String reason = "I can't post in <#" + run.channelId() + ">: Slack says `" + e.error() + "`."
                        + ("not_in_channel".equals(e.error())
                                ? " Invite me with `/invite @Alfred` and try again." : "");
                store.finish(run.id(), RunStatus.FAILED, null, "could not open the thread: " + e.error());
                return Optional.of(new IntakeResult.Refused(reason));
            }
            LOG.warn("could not open the thread of run {} now ({}); the job will try again", run.id(), e.error());
        }
        return Optional.empty();
    }

    private IntakeResult enqueue(Run run) {
        try {
            queue.advance(run.id());
        } catch (RuntimeException e) {
            LOG.error("run {} was recorded but could not be enqueued", run.id(), e);
            store.finish(run.id(), RunStatus.FAILED, null, "could not be queued: " + e.getMessage());
            return new IntakeResult.Refused("I recorded run `" + run.id() + "` but could not queue it ("
                    + e.getClass().getSimpleName() + "). Please try again in a minute.");
        }
        return new IntakeResult.Accepted(run);
    }
}
