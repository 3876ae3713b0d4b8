package dev.alfred.bot.slack.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlackWebRetryTest {

    @Test
    void aRateLimitedPostWaitsForItsRetryAfter() {
        SlackCallException limited = new SlackCallException("chat.postMessage", "http_429", Duration.ofSeconds(3),
                null);

        assertThat(SlackWeb.retryDelay(limited, 1)).isEqualTo(Duration.ofSeconds(3));
        assertThat(SlackWeb.retryDelay(limited, 6)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void otherTransientFailuresBackOffFromHalfASecondToFourSeconds() {
        SlackCallException failed = new SlackCallException("chat.postMessage", "internal_error", null);

        assertThat(java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(attempt -> SlackWeb.retryDelay(failed,
                attempt))).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(4));
    }
}
