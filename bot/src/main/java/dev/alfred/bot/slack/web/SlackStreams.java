package dev.alfred.bot.slack.web;

import jakarta.inject.Singleton;

/**
 * Slack's streamed messages (https://docs.slack.dev/ai/developing-ai-apps#streaming): {@code chat.startStream}
 * opens a message in a thread, {@code chat.appendStream} adds Markdown to it, {@code chat.stopStream} ends it. Each
 * needs {@code chat:write}; {@code markdown_text} takes at most {@value #MAX_MARKDOWN_CHARS} characters per call.
 * Streaming works in direct messages and assistant threads; elsewhere Slack wants a recipient, which Alfred does
 * not stream to. Each call is made once: {@link SlackOutboxTransport} decides what a failure means.
 */
@Singleton
public class SlackStreams {
    /** Characters {@code markdown_text} takes in one call (chat.startStream and chat.appendStream reference). */
    public static final int MAX_MARKDOWN_CHARS = 12_000;

    private final SlackWeb web;

    public SlackStreams(SlackWeb web) {
        this.web = web;
    }

    /**
     * {@code chat.startStream} in a thread, with the first text.
     *
     * @return the streamed message's {@code ts}
     * @throws SlackCallException when Slack refuses or cannot be reached
     */
    public String start(String channelId, String threadTs, String markdownText) {
        return web.call("chat.startStream", client -> client.chatStartStream(r -> r
                .channel(channelId).threadTs(threadTs).markdownText(markdownText))).getTs();
    }

    /**
     * {@code chat.appendStream}: more text at the end of the streamed message.
     *
     * @throws SlackCallException when Slack refuses or cannot be reached
     */
    public void append(String channelId, String messageTs, String markdownText) {
        web.call("chat.appendStream", client -> client.chatAppendStream(r -> r
                .channel(channelId).ts(messageTs).markdownText(markdownText)));
    }

    /**
     * {@code chat.stopStream}: the streamed message is complete.
     *
     * @throws SlackCallException when Slack refuses or cannot be reached
     */
    public void stop(String channelId, String messageTs) {
        web.call("chat.stopStream", client -> client.chatStopStream(r -> r.channel(channelId).ts(messageTs)));
    }
}
