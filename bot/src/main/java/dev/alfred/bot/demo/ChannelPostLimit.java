package dev.alfred.bot.demo;

import java.util.HashMap;
import java.util.Map;

/** A token bucket per channel: {@code perSecond} tokens a second, at most {@code burst} saved up. */
final class ChannelPostLimit {
    private final double perNano;
    private final int burst;
    private final Map<String, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        double tokens;
        long at;
    }

    ChannelPostLimit(double perSecond, int burst) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
    }

    /** @return 0 when a post may go now (a token taken), else nanoseconds until one may */
    synchronized long take(String channelId, long now) {
        Bucket bucket = buckets.computeIfAbsent(channelId, c -> {
            Bucket full = new Bucket();
            full.tokens = burst;
            full.at = now;
            return full;
        });
        bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perNano);
        bucket.at = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - bucket.tokens) / perNano);
    }
}
