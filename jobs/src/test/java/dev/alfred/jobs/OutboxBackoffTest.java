package dev.alfred.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxBackoffTest {

    @Test
    void backoffDoublesFromTheInitialDelayAndStopsAtTheMaximum() {
        OutboxSettings settings = new OutboxSettings();
        settings.setInitialBackoff(Duration.ofSeconds(1));
        settings.setMaxBackoff(Duration.ofSeconds(30));
        OutboxDrainer drainer = new OutboxDrainer(null, null, settings, null);

        assertThat(drainer.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(drainer.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(drainer.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(drainer.backoff(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(drainer.backoff(500)).isEqualTo(Duration.ofSeconds(30));
        assertThat(drainer.backoff(0)).isEqualTo(Duration.ofSeconds(1));
    }
}
