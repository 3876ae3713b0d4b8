package dev.alfred.agents.metrics;

import dev.alfred.agents.outbox.Outbox;
import dev.alfred.agents.run.RunRepository;
import dev.alfred.agents.run.RunStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges of what the database holds, registered at start-up:
 * <ul>
 *   <li>{@value #RUNS}: runs in each state, tagged {@code state} (every state of DESIGN.md section 3, lower case,
 *       e.g. {@code waiting_for_approval}), across all replicas</li>
 *   <li>{@value #OUTBOX_PENDING}: thread messages not delivered to Slack yet</li>
 * </ul>
 * The counts are read from the database at most once per {@code alfred.metrics.refresh-interval} (15 s), when a
 * scrape asks for them: scrapes in between, and the gauges of one scrape, share one reading. A failed reading keeps
 * the last values.
 */
@Context
public class DatabaseGauges {
    /** Gauge of runs by state. */
    public static final String RUNS = "alfred.runs";
    /** Gauge of undelivered outbox messages. */
    public static final String OUTBOX_PENDING = "alfred.outbox.pending";
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseGauges.class);

    private final RunRepository runs;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration refreshInterval;
    private Snapshot snapshot = new Snapshot(new EnumMap<>(RunStatus.class), 0, Instant.MIN);

    public DatabaseGauges(MeterRegistry registry, RunRepository runs, Outbox outbox, Clock clock,
            @Value("${alfred.metrics.refresh-interval:15s}") Duration refreshInterval) {
        this.runs = runs;
        this.outbox = outbox;
        this.clock = clock;
        this.refreshInterval = refreshInterval;
        for (RunStatus status : RunStatus.values()) {
            Gauge.builder(RUNS, this, gauges -> gauges.current().runs().getOrDefault(status, 0L))
                    .description("Runs in each state").tag("state", status.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        Gauge.builder(OUTBOX_PENDING, this, gauges -> gauges.current().outboxPending())
                .description("Thread messages not delivered to Slack yet").register(registry);
    }

    /** @return the latest reading, read again first when it is older than the refresh interval */
    synchronized Snapshot current() {
        Instant now = clock.instant();
        if (snapshot.readAt().plus(refreshInterval).isAfter(now)) {
            return snapshot;
        }
        try {
            Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
            runs.countByStatus().forEach(row -> counts.put(RunStatus.valueOf(row.status()), row.count()));
            snapshot = new Snapshot(counts, outbox.pending(), now);
        } catch (RuntimeException e) {
            LOG.warn("could not read the run and outbox counts for metrics ({}); keeping the last ones", e.toString());
            snapshot = new Snapshot(snapshot.runs(), snapshot.outboxPending(), now);
        }
        return snapshot;
    }

    /** One reading of the database. */
    record Snapshot(Map<RunStatus, Long> runs, long outboxPending, Instant readAt) {
    }
}
