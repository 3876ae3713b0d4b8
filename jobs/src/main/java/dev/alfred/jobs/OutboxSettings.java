package dev.alfred.jobs;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** {@code alfred.outbox.*}: how the outbox drainer delivers messages. */
@ConfigurationProperties("alfred.outbox")
public class OutboxSettings {
    /** Whether this process drains the outbox (every replica does by default; they share the work). */
    private boolean enabled = true;
    /** How often the drainer looks for due messages when nothing told it to look. */
    private Duration pollInterval = Duration.ofMillis(250);
    /** Deliveries in flight at once, each in a different thread (messages of one thread go one at a time). */
    private int threads = 4;
    /** How long a claim on a message lasts; a drainer that dies mid-delivery leaves it to others after this. */
    private Duration claimTimeout = Duration.ofSeconds(30);
    /**
     * Status-message updates ({@code chat.update}) per minute from this process: Slack's Tier 3, "50+ per minute"
     * (https://api.slack.com/methods/chat.update, https://api.slack.com/apis/rate-limits). Status updates over the
     * budget wait and are coalesced.
     */
    private int updatesPerMinute = 50;
    /** First retry delay after a transient failure; doubles per attempt up to {@link #maxBackoff}. */
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofMinutes(5);
    /** A message still failing transiently this long after it was enqueued is dropped (and the drop audited). */
    private Duration giveUpAfter = Duration.ofHours(24);
    /** Delivered messages are deleted this long after delivery (checked hourly); failed ones are kept. */
    private Duration keepDelivered = Duration.ofDays(7);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public int getThreads() {
        return threads;
    }

    public void setThreads(int threads) {
        this.threads = threads;
    }

    public Duration getClaimTimeout() {
        return claimTimeout;
    }

    public void setClaimTimeout(Duration claimTimeout) {
        this.claimTimeout = claimTimeout;
    }

    public int getUpdatesPerMinute() {
        return updatesPerMinute;
    }

    public void setUpdatesPerMinute(int updatesPerMinute) {
        this.updatesPerMinute = updatesPerMinute;
    }

    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public Duration getGiveUpAfter() {
        return giveUpAfter;
    }

    public void setGiveUpAfter(Duration giveUpAfter) {
        this.giveUpAfter = giveUpAfter;
    }

    public Duration getKeepDelivered() {
        return keepDelivered;
    }

    public void setKeepDelivered(Duration keepDelivered) {
        this.keepDelivered = keepDelivered;
    }
}
