package dev.alfred.bot.slack.event;

import com.slack.api.bolt.App;
import com.slack.api.model.assistant.SuggestedPrompt;
import com.slack.api.model.event.AssistantThreadContextChangedEvent;
import com.slack.api.model.event.AssistantThreadStartedEvent;
import dev.alfred.bot.slack.web.SlackAssistant;
import dev.alfred.bot.slack.web.SlackCallException;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's AI-assistant container (https://docs.slack.dev/ai/developing-ai-apps): a person opens a new thread with
 * Alfred ({@code assistant_thread_started}, scope {@code assistant:write}) and gets suggested prompts; what they
 * write there arrives as {@code message.im} events and starts a run of origin {@code assistant_thread}
 * ({@link ThreadReplies}), whose status and title {@code SlackRunReporter} sets while it works.
 * {@code assistant_thread_context_changed} (the person moved to another channel) is acknowledged: Alfred does not use
 * the channel context.
 *
 * <p>Bolt's {@code Assistant} middleware is not used: it runs its listeners on an executor after acknowledging the
 * delivery, so a message it failed to record (the database down) would be lost instead of retried by Slack, and it
 * saves the thread's context with Web API calls of its own.
 */
@Singleton
public class AssistantThreads {
    /** The Events API events, as in {@code manifest.json}. */
    public static final List<String> EVENTS = List.of("assistant_thread_started", "assistant_thread_context_changed");
    /** What the prompts' list is titled. */
    static final String PROMPTS_TITLE = "Try asking";
    /** The prompts a new thread shows; each click sends its message as the person's first message. */
    static final List<SuggestedPrompt> PROMPTS = List.of(
            new SuggestedPrompt("What can you do?", "What can you do for me, and which agents do you have?"),
            new SuggestedPrompt("Check a service", "Check whether https://status.example.com reports an "
                    + "incident right now."),
            new SuggestedPrompt("What needs approval?", "Which of your actions need someone's approval first, "
                    + "and who can approve them?"));
    private static final Logger LOG = LoggerFactory.getLogger(AssistantThreads.class);

    private final SlackAssistant assistant;

    public AssistantThreads(SlackAssistant assistant) {
        this.assistant = assistant;
    }

    /** Registers the handlers on the Bolt app. */
    public void register(App app) {
        app.event(AssistantThreadStartedEvent.class, (payload, ctx) -> {
            var thread = payload.getEvent().getAssistantThread();
            if (thread != null && !AppMentions.isBlank(thread.getChannelId())
                    && !AppMentions.isBlank(thread.getThreadTs())) {
                try {
                    assistant.setSuggestedPrompts(thread.getChannelId(), thread.getThreadTs(), PROMPTS_TITLE,
                            PROMPTS);
                } catch (SlackCallException e) {
                    LOG.warn("could not set the suggested prompts of assistant thread {}: {}", thread.getThreadTs(),
                            e.error());
                }
            }
            return ctx.ack();
        });
        app.event(AssistantThreadContextChangedEvent.class, (payload, ctx) -> ctx.ack());
    }
}
