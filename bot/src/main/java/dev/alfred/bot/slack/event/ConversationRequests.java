package dev.alfred.bot.slack.event;

import dev.alfred.agents.catalog.AgentCatalog;
import dev.alfred.agents.catalog.AgentDefaults;
import dev.alfred.agents.events.RunEvents;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunLookups;
import dev.alfred.agents.run.RunOrigin;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.intake.IntakeResult;
import dev.alfred.bot.intake.TaskIntake;
import dev.alfred.bot.intake.TaskRequest;
import dev.alfred.bot.intake.TaskText;
import dev.alfred.bot.slack.blocks.SlackText;
import dev.alfred.bot.slack.command.CommandAccess;
import dev.alfred.bot.slack.web.SlackCallException;
import dev.alfred.bot.slack.web.SlackWeb;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person asks Alfred something where the conversation has its own thread: a mention in a channel, a direct
 * message, a message in an assistant thread. In a thread whose run is still going, the message is a reply to that
 * run ({@link RunEvents#replied}). Otherwise it starts a run in that thread, through {@link TaskIntake} with no root
 * message: the thread is the message's own ({@code thread_ts}, or its {@code ts} when it has none). When an earlier
 * run of the thread has ended, the new run is a follow-up, told what was asked and answered before.
 *
 * <p>The text may name an agent first ({@code @lucius …}); the policy's {@code commands.task} rule applies as to
 * {@code /alfred task}. A request Alfred does not start gets an ephemeral answer saying why. De-duplicated by the
 * delivery's {@code event_id}, like thread replies.
 */
@Singleton
public class ConversationRequests {
    /** Characters of an earlier run's task and answer a follow-up is told. */
    static final int EARLIER_CHARS = 4_000;
    private static final Logger LOG = LoggerFactory.getLogger(ConversationRequests.class);

    private final RunLookups runs;
    private final RunEvents events;
    private final TaskIntake intake;
    private final AgentCatalog agents;
    private final CommandAccess access;
    private final SlackWeb slack;

    public ConversationRequests(RunLookups runs, RunEvents events, TaskIntake intake, AgentCatalog agents,
            CommandAccess access, SlackWeb slack) {
        this.runs = runs;
        this.events = events;
        this.intake = intake;
        this.agents = agents;
        this.access = access;
        this.slack = slack;
    }

    /**
     * A person's message to Alfred.
     *
     * @param eventId   the Events API delivery's {@code event_id}
     * @param threadTs  the message's {@code thread_ts}; null for a message that is not in a thread
     * @param messageTs the message's own {@code ts}
     * @param text      the text, with Alfred's mention taken out
     */
    public record Message(String eventId, @Nullable String teamId, String channelId, @Nullable String threadTs,
            String messageTs, String userId, String text) {
        /** @return the thread a run for this message works in: its {@code thread_ts}, else its own {@code ts} */
        public String thread() {
            return threadTs != null && !threadTs.isBlank() ? threadTs : messageTs;
        }
    }

    /**
     * Replies to the thread's run, or starts one.
     *
     * @param origin the origin of a run it starts, one of {@link RunOrigin}; a follow-up in a direct message keeps
     *               the origin of the thread's earlier run
     */
    public void handle(Message message, String origin) {
        Optional<Run> root = runs.findByThread(message.channelId(), message.thread());
        if (root.isPresent() && !root.get().status().isTerminal()) {
            if (!message.text().isBlank()) {
                Run target = runs.findReplyTarget(message.channelId(), message.thread()).orElse(root.get());
                events.replied(target, message.userId(), message.text(), message.messageTs(),
                        "slack:event:" + message.eventId());
            }
            return;
        }
        Run earlier = root.orElse(null);
        boolean sameConversation = earlier != null && RunOrigin.isDirect(origin)
                && RunOrigin.isDirect(earlier.origin());
        start(message, sameConversation ? earlier.origin() : origin, earlier);
    }

    private void start(Message message, String origin, @Nullable Run earlier) {
        TaskText text = TaskText.parse(message.text(), AgentDefaults.BOSS);
        if (agents.find(text.agent()).isEmpty()) {
            tell(message, "I have no agent called `" + SlackText.escape(text.agent()) + "`. Agents: "
                    + String.join(", ", agents.names().stream().map(name -> "`@" + name + "`").toList()) + ".");
            return;
        }
        if (text.task().isEmpty()) {
            tell(message, "Tell me what to do after my name, e.g. `@Alfred check whether "
                    + "https://status.example.com reports an incident` (start with `@agent` to pick an agent).");
            return;
        }
        Optional<String> refusal = access.refusal("task", message.userId(), message.channelId(), message.text());
        if (refusal.isPresent()) {
            tell(message, ":no_entry: " + refusal.get());
            return;
        }
        IntakeResult result = intake.accept(new TaskRequest("slack:event:" + message.eventId(), text.agent(),
                text.task(), message.teamId(), message.channelId(), message.userId(), message.thread(), origin,
                earlier == null ? null : earlier(earlier)));
        if (result instanceof IntakeResult.Refused refused) {
            tell(message, refused.reason());
        }
    }

    /** @return what a follow-up's system prompt is told about the thread's earlier run */
    static String earlier(Run run) {
        String outcome = run.status() == RunStatus.SUCCEEDED && run.finalAnswer() != null
                ? "You answered:\n" + cut(run.finalAnswer())
                : "That run ended " + run.status().name().toLowerCase(java.util.Locale.ROOT)
                        + (run.failureReason() == null ? "" : " (" + cut(run.failureReason()) + ")") + ".";
        return "This request follows up an earlier one in the same conversation. Earlier you were asked:\n"
                + cut(run.task()) + "\n" + outcome;
    }

    private static String cut(String text) {
        return text.length() > EARLIER_CHARS ? text.substring(0, EARLIER_CHARS) + "… (cut)" : text;
    }

    private void tell(Message message, String text) {
        try {
            slack.postEphemeral(message.channelId(), message.userId(), message.thread(), text);
        } catch (SlackCallException e) {
            LOG.warn("could not tell {} why their message started nothing: {}", message.userId(), e.error());
        }
    }
}
