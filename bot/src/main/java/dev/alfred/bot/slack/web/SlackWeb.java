package dev.alfred.bot.slack.web;

import dev.alfred.bot.slack.blocks.OutboxBodies;
import dev.alfred.bot.slack.blocks.OutgoingText;
import dev.alfred.bot.slack.blocks.PlainFallback;
import dev.alfred.bot.slack.blocks.ThreadMessage;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.util.SupplierUtil;
import io.micronaut.retry.annotation.RetryPredicate;
import io.micronaut.retry.annotation.Retryable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The Slack Web API calls Alfred makes, through the Bolt app's {@link MethodsClient} (which points at
 * {@code SLACK_API_URL}). Every failure becomes a {@link SlackCallException} carrying Slack's error code. Every
 * text sent (message text, blocks, views) goes through {@link OutgoingText} first: secrets redacted, invisible
 * formatting neutralised.
 *
 * <p>Writes that fail for a passing reason (rate limited, 5xx, I/O, Slack's {@code internal_error} or
 * {@code fatal_error}) are retried by Micronaut's {@link Retryable}: 4 attempts, 500 ms apart, doubling. Failures a
 * person must fix ({@code not_in_channel}, bad token, …) are not retried.
 *
 * <p>Every call (each attempt) is counted in {@value #CALLS} by {@code method}, and every failure in {@value #ERRORS}
 * by {@code method} and {@code error} (Slack's error code, {@code http_<status>} or {@code io_error}).
 */
@Singleton
public class SlackWeb {
    /** Counter of Slack Web API calls. */
    public static final String CALLS = "alfred.slack.api.calls";
    /** Counter of failed Slack Web API calls. */
    public static final String ERRORS = "alfred.slack.api.errors";

    /**
     * How long {@link #post} keeps trying. Slack allows about one message a second per channel
     * (https://docs.slack.dev/apis/web-api/rate-limits, "Posting messages"), and the outbox sends its queued posts as
     * soon as a channel's {@code Retry-After} has passed, so in a busy channel a post can be refused several times in
     * a row: four tries in 3.5 s, as before, lost to the outbox's queue and left the run to JobRunr's next poll and
     * back-off, 20-30 s later (the throughput benchmark, issue 22). 30 s is well inside a run's lease (60 s, renewed
     * every 20 s while a step runs).
     */
    static final Duration POST_RETRY_FOR = Duration.ofSeconds(30);
    private static final RetryPolicy<String> POST_RETRIES = RetryPolicy.<String>builder()
            .handleIf(new Transient()::test)
            .withDelayFn(context -> retryDelay(context.getLastException(), context.getAttemptCount()))
            .withMaxRetries(-1)
            .withMaxDuration(POST_RETRY_FOR)
            .build();

    private final Supplier<MethodsClient> client;
    private final MeterRegistry meters;

    /**
     * @param client the Web API client, looked up at the first call, not here: the Slack SDK builds its HTTP client
     *               (OkHttp, with a TLS context that reads the JDK's trust store) when it is created, and the tools
     *               that post to Slack are created at start-up, before {@code /health} answers (issue 22)
     */
    public SlackWeb(BeanProvider<MethodsClient> client, MeterRegistry meters) {
        this.client = SupplierUtil.memoized(client::get);
        this.meters = meters;
    }

    /**
     * {@code chat.postMessage}, tried again while the failure may pass by itself
     * ({@link SlackCallException#isTransient}) for up to {@link #POST_RETRY_FOR}: after a {@code 429} once its
     * {@code Retry-After} has passed, otherwise after 0.5 s, 1 s, 2 s, then every 4 s.
     *
     * @param threadTs the thread to reply in, or null for a message in the channel
     * @return the new message's {@code ts}
     * @throws SlackCallException when Slack refuses, or still fails after {@link #POST_RETRY_FOR}
     */
    public String post(String channelId, @Nullable String threadTs, ThreadMessage message) {
        return Failsafe.with(POST_RETRIES).get(() -> postOnce(channelId, threadTs, message));
    }

    /**
     * @param failure  the last failure of a post
     * @param attempts the attempts made so far (1 after the first)
     * @return how long to wait before the next attempt: the {@code Retry-After} of a {@code 429}, or 0.5 s doubled at
     *         each attempt up to 4 s
     */
    static Duration retryDelay(Throwable failure, int attempts) {
        Duration asked = failure instanceof SlackCallException slack ? slack.retryAfter() : null;
        return asked != null ? asked : Duration.ofMillis(500L << Math.min(Math.max(attempts, 1) - 1, 3));
    }

    /**
     * {@code chat.postMessage} once, without retries: for the 3-second window of a Slack request, where waiting out a
     * rate limit would cost the acknowledgement.
     *
     * @param threadTs the thread to reply in, or null for a message in the channel
     * @return the new message's {@code ts}
     * @throws SlackCallException when Slack refuses or cannot be reached
     */
    public String postOnce(String channelId, @Nullable String threadTs, ThreadMessage message) {
        OutboxBodies.Decoded body = OutboxBodies.decode(OutboxBodies.encode(message));
        try {
            return postOnce(channelId, threadTs, body.text(), body.blocksJson());
        } catch (SlackCallException e) {
            if (!PlainFallback.REFUSED_CONTENT.contains(e.error())) {
                throw e;
            }
            return postOnce(channelId, threadTs, PlainFallback.of(body.text(), body.blocksJson(), e.error()), null);
        }
    }

    /**
     * {@code chat.update} of a message Alfred posted.
     *
     * @throws SlackCallException when Slack refuses or cannot be reached
     */
    @Retryable(attempts = "4", delay = "500ms", multiplier = "2", predicate = SlackWeb.Transient.class)
    public void update(String channelId, String messageTs, ThreadMessage message) {
        OutboxBodies.Decoded body = OutboxBodies.decode(OutboxBodies.encode(message));
        updateOnce(channelId, messageTs, body.text(), body.blocksJson());
    }

    /**
     * {@code chat.postMessage} once, without retries (the outbox retries), with blocks as Block Kit JSON.
     *
     * @param threadTs   the thread to reply in
     * @param blocksJson a JSON array of blocks, or null for a text-only message
     * @return the new message's {@code ts}
     * @throws SlackCallException when Slack refuses or cannot be reached; {@link SlackCallException#retryAfter()}
     *                            carries a 429's {@code Retry-After}
     */
    public String postOnce(String channelId, String threadTs, String text, @Nullable String blocksJson) {
        return call("chat.postMessage", slack -> slack.chatPostMessage(r -> r
                .channel(channelId)
                .threadTs(threadTs)
                .text(OutgoingText.clean(text))
                .blocksAsString(OutgoingText.cleanJson(blocksJson))
                .unfurlLinks(false)
                .unfurlMedia(false))).getTs();
    }

    /**
     * {@code chat.update} once, without retries (the outbox retries).
     *
     * @param blocksJson a JSON array of blocks, or null for a text-only message
     * @throws SlackCallException when Slack refuses or cannot be reached
     */
    public void updateOnce(String channelId, String messageTs, String text, @Nullable String blocksJson) {
        call("chat.update", slack -> slack.chatUpdate(r -> r
                .channel(channelId)
                .ts(messageTs)
                .text(OutgoingText.clean(text))
                .blocksAsString(OutgoingText.cleanJson(blocksJson))));
    }

    /**
     * {@code chat.postEphemeral}: a message only {@code userId} sees.
     *
     * @throws SlackCallException when Slack refuses or cannot be reached
     */
    public void postEphemeral(String channelId, String userId, @Nullable String threadTs, String text) {
        call("chat.postEphemeral", slack -> slack.chatPostEphemeral(r -> r
                .channel(channelId).user(userId).threadTs(threadTs).text(OutgoingText.clean(text))));
    }

    /**
     * {@code usergroups.users.list}: the members of a user group. Needs the {@code usergroups:read} scope.
     *
     * @return Slack user ids
     * @throws SlackCallException when Slack refuses (e.g. {@code no_such_subteam}, {@code missing_scope}) or
     *                            cannot be reached
     */
    @Retryable(attempts = "3", delay = "300ms", multiplier = "2", predicate = SlackWeb.Transient.class)
    public java.util.List<String> userGroupMembers(String groupId) {
        return call("usergroups.users.list", slack -> slack.usergroupsUsersList(r -> r.usergroup(groupId))).getUsers();
    }

    /**
     * {@code views.open}: opens a modal for the person whose click carried {@code triggerId}.
     *
     * @throws SlackCallException when Slack refuses (e.g. {@code expired_trigger_id}) or cannot be reached
     */
    public void openView(String triggerId, com.slack.api.model.view.View view) {
        call("views.open", slack -> slack.viewsOpen(r -> r.triggerId(triggerId).viewAsString(cleaned(view))));
    }

    /**
     * {@code views.publish}: shows {@code view} (type {@code home}) as the person's App Home tab.
     *
     * @throws SlackCallException when Slack refuses or cannot be reached
     */
    public void publishHome(String userId, com.slack.api.model.view.View view) {
        call("views.publish", slack -> slack.viewsPublish(r -> r.userId(userId).viewAsString(cleaned(view))));
    }

    /**
     * {@code conversations.replies}: one page of a thread's messages, oldest first, the thread's root message first.
     * Needs the {@code channels:history} scope ({@code groups:history} for private channels).
     *
     * @param threadTs the thread's root message {@code ts}
     * @param limit    at most this many messages (Slack takes 1 to 1,000)
     * @return the messages and whether the thread has more after them
     * @throws SlackCallException when Slack refuses (e.g. {@code channel_not_found}, {@code not_in_channel},
     *                            {@code thread_not_found}) or cannot be reached
     */
    @Retryable(attempts = "3", delay = "300ms", multiplier = "2", predicate = SlackWeb.Transient.class)
    public ThreadPage threadReplies(String channelId, String threadTs, int limit) {
        ConversationsRepliesResponse response = call("conversations.replies", slack -> slack.conversationsReplies(r -> r
                .channel(channelId).ts(threadTs).limit(limit)));
        return new ThreadPage(response.getMessages() == null ? java.util.List.of() : response.getMessages(),
                response.isHasMore());
    }

    /**
     * One page of {@code conversations.replies}.
     *
     * @param messages the messages as Slack sent them, oldest first
     * @param hasMore  whether the thread has messages after these
     */
    public record ThreadPage(java.util.List<com.slack.api.model.Message> messages, boolean hasMore) {
    }

    /** @return the view as the SDK would send it, every text in it through {@link OutgoingText#cleanJson} */
    private static String cleaned(com.slack.api.model.view.View view) {
        return OutgoingText.cleanJson(SlackJson.SNAKE_CASE.toJson(view));
    }

    /**
     * Makes one Web API call, counted in {@value #CALLS} (and {@value #ERRORS} when it fails), for the other Web API
     * classes of this package.
     *
     * @throws SlackCallException when Slack refuses or cannot be reached
     */
    <T extends SlackApiTextResponse> T call(String method, SlackCall<T> call) {
        Counter.builder(CALLS).description("Slack Web API calls").tag("method", method).register(meters).increment();
        try {
            return checked(method, call, client.get());
        } catch (SlackCallException e) {
            Counter.builder(ERRORS).description("Failed Slack Web API calls").tag("method", method)
                    .tag("error", String.valueOf(e.error())).register(meters).increment();
            throw e;
        }
    }

    private static <T extends SlackApiTextResponse> T checked(String method, SlackCall<T> call, MethodsClient client) {
        T response;
        try {
            response = call.run(client);
        } catch (SlackApiException e) {
            throw new SlackCallException(method, "http_" + e.getResponse().code(),
                    SlackCallException.retryAfter(e.getResponse().header("Retry-After")), e);
        } catch (IOException e) {
            throw new SlackCallException(method, "io_error", e);
        }
        if (!response.isOk()) {
            throw new SlackCallException(method, response.getError(), null);
        }
        return response;
    }

    /** Retries only Slack failures that may pass by themselves: for the {@code @Retryable} methods and {@link #post}. */
    public static final class Transient implements RetryPredicate {
        @Override
        public boolean test(Throwable failure) {
            return failure instanceof SlackCallException slack && slack.isTransient();
        }
    }

    /** One Web API call through the client it is given. */
    @FunctionalInterface
    interface SlackCall<T> {
        T run(MethodsClient client) throws IOException, SlackApiException;
    }

    /** The SDK's JSON (Gson) for views, made at the first view sent rather than when this class is loaded. */
    private static final class SlackJson {
        static final com.google.gson.Gson SNAKE_CASE = com.slack.api.util.json.GsonFactory.createSnakeCase();
    }
}
