package dev.alfred.bot.slack.event;

import com.slack.api.bolt.App;
import com.slack.api.model.event.AppUninstalledEvent;
import com.slack.api.model.event.TokensRevokedEvent;
import dev.alfred.agents.audit.AuditLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Slack says about the app itself rather than about a conversation. Slack sends these whether or not an app
 * subscribes to them, and each is acknowledged:
 * <ul>
 *   <li>{@code app_rate_limited} (https://docs.slack.dev/reference/events/app_rate_limited): the workspace sent more
 *       than 30,000 events to Alfred in a minute and Slack dropped the rest of that minute's. Logged as a warning
 *       and counted in {@value #RATE_LIMITED} by {@code team}.</li>
 *   <li>{@code app_uninstalled} and {@code tokens_revoked}
 *       (https://docs.slack.dev/reference/events/app_uninstalled, .../tokens_revoked): Alfred's token no longer
 *       works, so nothing it posts will arrive. Logged as errors, counted in {@value #LIFECYCLE} by {@code event},
 *       and recorded in the audit log ({@code slack.app_uninstalled}, {@code slack.tokens_revoked}).</li>
 * </ul>
 */
@Singleton
public class AppLifecycle {
    /** Counter of {@code app_rate_limited} deliveries. */
    public static final String RATE_LIMITED = "alfred.slack.app.rate.limited";
    /** Counter of {@code app_uninstalled} and {@code tokens_revoked} deliveries. */
    public static final String LIFECYCLE = "alfred.slack.app.lifecycle";
    private static final Logger LOG = LoggerFactory.getLogger(AppLifecycle.class);

    private final MeterRegistry meters;
    private final AuditLog audit;

    public AppLifecycle(MeterRegistry meters, AuditLog audit) {
        this.meters = meters;
        this.audit = audit;
    }

    /** Registers the handlers on the Bolt app. */
    public void register(App app) {
        app.event(AppUninstalledEvent.class, (payload, ctx) -> {
            lost("app_uninstalled", payload.getTeamId(), "Alfred was uninstalled from the workspace");
            return ctx.ack();
        });
        app.event(TokensRevokedEvent.class, (payload, ctx) -> {
            lost("tokens_revoked", payload.getTeamId(), "Alfred's tokens were revoked");
            return ctx.ack();
        });
    }

    /**
     * An {@code app_rate_limited} delivery: a top-level payload, not an {@code event_callback}.
     *
     * @param teamId            the workspace, if the payload names it
     * @param minuteRateLimited the minute (epoch seconds, divisible by 60) whose events Slack dropped
     */
    public void rateLimited(@Nullable String teamId, long minuteRateLimited) {
        LOG.warn("Slack dropped Events API deliveries to Alfred for workspace {} in the minute starting at {} "
                + "(app_rate_limited: over 30,000 events in a minute)", teamId, minuteRateLimited);
        Counter.builder(RATE_LIMITED).description("Slack app_rate_limited deliveries")
                .tag("team", String.valueOf(teamId)).register(meters).increment();
    }

    private void lost(String event, @Nullable String teamId, String what) {
        LOG.error("{} (Slack event {}, workspace {}): Alfred can no longer post or read there until it is "
                + "installed again with a new SLACK_BOT_TOKEN", what, event, teamId);
        Counter.builder(LIFECYCLE).description("Slack app_uninstalled and tokens_revoked deliveries")
                .tag("event", event).register(meters).increment();
        audit.record(null, "slack." + event, null, null, what, Map.of("teamId", String.valueOf(teamId)));
    }
}
