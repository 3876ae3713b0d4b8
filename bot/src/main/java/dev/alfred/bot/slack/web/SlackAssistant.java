package dev.alfred.bot.slack.web;

import com.slack.api.model.assistant.SuggestedPrompt;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The Web API calls of Slack's AI-assistant container (https://docs.slack.dev/ai/developing-ai-apps): its
 * {@code assistant.threads.*} methods, each on a thread of the direct message with Alfred, each needing the
 * {@code assistant:write} scope. Made once, without retries: they are courtesies the outbox or a handler can drop.
 */
@Singleton
public class SlackAssistant {
    /** Prompts Slack takes at most (https://docs.slack.dev/reference/methods/assistant.threads.setSuggestedPrompts). */
    public static final int MAX_PROMPTS = 4;

    private final SlackWeb web;

    public SlackAssistant(SlackWeb web) {
        this.web = web;
    }

    /**
     * {@code assistant.threads.setSuggestedPrompts}: the prompts a person can click in a new assistant thread.
     *
     * @param title   shown above the prompts, or null
     * @param prompts (title, message) pairs; the first {@value #MAX_PROMPTS} are sent
     * @throws SlackCallException when Slack refuses or cannot be reached
     */
    public void setSuggestedPrompts(String channelId, String threadTs, @Nullable String title,
            List<SuggestedPrompt> prompts) {
        web.call("assistant.threads.setSuggestedPrompts", client -> client.assistantThreadsSetSuggestedPrompts(r -> r
                .channelId(channelId).threadTs(threadTs).title(title)
                .prompts(prompts.subList(0, Math.min(MAX_PROMPTS, prompts.size())))));
    }

    /**
     * {@code assistant.threads.setStatus}: the "is working…" line under the thread's composer, until Alfred posts in
     * the thread (which clears it) or {@code status} is empty.
     *
     * @throws SlackCallException when Slack refuses or cannot be reached
     */
    public void setStatus(String channelId, String threadTs, String status) {
        web.call("assistant.threads.setStatus", client -> client.assistantThreadsSetStatus(r -> r
                .channelId(channelId).threadTs(threadTs).status(status)));
    }

    /**
     * {@code assistant.threads.setTitle}: the thread's name in the container's history.
     *
     * @throws SlackCallException when Slack refuses or cannot be reached
     */
    public void setTitle(String channelId, String threadTs, String title) {
        web.call("assistant.threads.setTitle", client -> client.assistantThreadsSetTitle(r -> r
                .channelId(channelId).threadTs(threadTs).title(title)));
    }
}
