package dev.alfred.bot.demo;

import com.sun.net.httpserver.HttpExchange;
import dev.alfred.bot.demo.LocalSlack.Rejected;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The failures {@link LocalSlack} can be told to answer with: Web API errors ({@code {"ok":false}}), HTTP errors
 * (429 with {@code Retry-After}, 5xx) and Slack's per-channel posting limit.
 */
final class SlackFaults {
    private final Map<String, String> failures = new HashMap<>();
    private final Map<String, Integer> failuresLeft = new HashMap<>();
    private final Map<String, java.util.ArrayDeque<int[]>> httpFailures = new HashMap<>();
    private final List<Rejected> rejected = new CopyOnWriteArrayList<>();
    private volatile ChannelPostLimit postLimit;

    /** @return whether the call was answered with an HTTP error (refused before Slack would accept it) */
    boolean refused(String method, String channelId, HttpExchange exchange) throws IOException {
        return failHttp(method, exchange) || overPostLimit(method, channelId, exchange);
    }

    /** @return the Web API error the next call of {@code method} answers with, or null */
    /** @return the failure {@link #nextFailure(String)} set up, else Slack's refusal of content over its limits */
    String nextFailure(String method, java.util.Map<String, String> args) {
        String failure = nextFailure(method);
        return failure != null ? failure : BlockKitChecks.refusal(method, args);
    }

    synchronized String nextFailure(String method) {
        String failure = failures.get(method);
        Integer left = failuresLeft.get(method);
        if (left != null) {
            if (left <= 1) {
                failuresLeft.remove(method);
                failures.remove(method);
            } else {
                failuresLeft.put(method, left - 1);
            }
        }
        return failure;
    }

    /** Makes every later call of {@code method} answer {@code {"ok":false,"error":error}}; null clears it. */
    synchronized void failMethod(String method, String error) {
        if (error == null) {
            failures.remove(method);
        } else {
            failures.put(method, error);
        }
    }
    /** Makes the next {@code count} calls of {@code method} answer {@code {"ok":false,"error":error}}. */
    synchronized void failNext(String method, String error, int count) {
        failures.put(method, error);
        failuresLeft.put(method, count);
    }
    /**
     * Makes the next {@code count} calls of {@code method} fail at the HTTP level with {@code status}, as Slack does
     * when it rate limits ({@code 429} with {@code Retry-After: retryAfterSeconds}) or fails ({@code 5xx}). Such calls
     * are not recorded as calls (Slack did not accept them) but as {@link #rejected()}. Failures set by successive
     * calls are served one after the other.
     */
    synchronized void failHttpNext(String method, int status, int count, int retryAfterSeconds) {
        httpFailures.computeIfAbsent(method, m -> new java.util.ArrayDeque<>())
                .add(new int[] {status, count, retryAfterSeconds});
    }
    /**
     * Enforces Slack's posting limit on every later {@code chat.postMessage}: per channel, {@code perSecond} messages a
     * second with bursts of up to {@code burst} (a token bucket, full at first). Slack documents "1 per second, short
     * bursts >1 allowed" per channel (https://docs.slack.dev/apis/web-api/rate-limits) but not the burst's size. A post
     * over the limit is answered {@code 429} with {@code Retry-After} (whole seconds until the channel has room) and
     * kept among the {@link #rejected()} calls, not the calls.
     */
    void limitPostsPerChannel(double perSecond, int burst) {
        postLimit = new ChannelPostLimit(perSecond, burst);
    }
    /** @return the calls answered with an HTTP error by {@link #failHttpNext}, in order */
    List<Rejected> rejected() {
        return List.copyOf(rejected);
    }
private boolean failHttp(String method, HttpExchange exchange) throws IOException {
        int[] failure;
        synchronized (this) {
            java.util.ArrayDeque<int[]> queue = httpFailures.get(method);
            failure = queue == null ? null : queue.peek();
            if (failure == null) {
                return false;
            }
            if (--failure[1] <= 0) {
                queue.poll();
            }
        }
        rejected.add(new Rejected(method, failure[0], System.nanoTime()));
        exchange.getRequestBody().readAllBytes();
        if (failure[0] == 429) {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(failure[2]));
        }
        exchange.sendResponseHeaders(failure[0], -1);
        exchange.close();
        return true;
    }
private boolean overPostLimit(String method, String channelId, HttpExchange exchange) throws IOException {
        ChannelPostLimit limit = postLimit;
        if (limit == null || !"chat.postMessage".equals(method) || channelId == null) {
            return false;
        }
        long waitNanos = limit.take(channelId, System.nanoTime());
        if (waitNanos == 0) {
            return false;
        }
        rejected.add(new Rejected(method, 429, System.nanoTime()));
        exchange.getResponseHeaders().set("Retry-After", String.valueOf(Math.max(1,
                (waitNanos + 999_999_999L) / 1_000_000_000L)));
        exchange.sendResponseHeaders(429, -1);
        exchange.close();
        return true;
    }

    /** Answers the demo's status page: a degraded service, what the offline demo's agent reads. */
    static void statusPage(HttpExchange exchange) throws IOException {
        byte[] body = """
                {"service":"payments-api","status":"degraded","incidents":[{"id":"INC-2291",\
                "title":"Elevated p99 latency in eu-west-1","since":"2026-11-21T08:12:00Z"}],\
                "components":{"api":"operational","database":"degraded","queue":"operational"}}"""
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
