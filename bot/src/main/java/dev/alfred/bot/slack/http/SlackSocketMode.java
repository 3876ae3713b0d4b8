package dev.alfred.bot.slack.http;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import dev.alfred.agents.schema.Databases;
import dev.alfred.bot.config.SlackSettings;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket Mode: with {@code alfred.slack.app-token} ({@code SLACK_APP_TOKEN}) set, Alfred opens a WebSocket to Slack
 * once the server is up, and the same Bolt {@link App} that serves {@code POST /slack/events} handles what arrives
 * on it (slash commands, interactivity, Events API). The socket's URL comes from {@code apps.connections.open} on
 * {@code SLACK_API_URL}, through the same {@link com.slack.api.Slack} instance as the Web API; Bolt's client
 * (Java-WebSocket backend) checks the connection every 5 s and opens a new one when it dropped, and switches at once
 * when Slack sends {@code disconnect}.
 *
 * <p>What differs from HTTP: envelopes are not signed (the connection is authenticated by the app token), so there is
 * no signature or timestamp check and no 1 MiB limit; de-duplication is the handlers' own (trigger, event and action
 * ids in {@code deliveries}, compare-and-set decisions), so it applies alike. A failure to record (the database
 * unreachable) is not acknowledged, so Slack redelivers events, and a slash command is answered as over HTTP, saying
 * it was not recorded; any other failure of an Events API handler is acknowledged, as over HTTP, since a redelivery
 * would fail the same way (see {@link #refusal}).
 */
@Singleton
@Requires(property = "alfred.slack.app-token")
public class SlackSocketMode implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(SlackSocketMode.class);

    private final App app;
    private final SlackSettings settings;
    private SocketModeApp socketMode;

    public SlackSocketMode(App app, SlackSettings settings) {
        this.app = app;
        this.settings = settings;
    }

    /** Connects once the HTTP server (and so the whole application) is up. */
    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (socketMode != null) {
            return;
        }
        try {
            socketMode = new SocketModeApp(settings.getAppToken(), app, SocketModeClient.Backend.JavaWebSocket,
                    SlackSocketMode::refusal);
            socketMode.startAsync();
            socketMode.getClient().addWebSocketCloseListener((code, reason) -> LOG.info("Socket Mode: connection "
                    + "closed ({} {}); a new one is opened within seconds unless Alfred is stopping", code, reason));
        } catch (Exception e) {
            // Bolt logs an I/O failure of apps.connections.open itself, then fails on the client it could not make.
            String reason = e instanceof NullPointerException ? "see the error above" : e.toString();
            close();
            throw new IllegalStateException("Alfred could not open a Socket Mode connection to Slack (apps.connections"
                    + ".open on " + settings.getApiUrl() + " with SLACK_APP_TOKEN): " + reason, e);
        }
        LOG.info("Socket Mode: connecting to Slack over a WebSocket");
    }

    /** @return whether a Socket Mode WebSocket is open now (Bolt pings it to find out) */
    public synchronized boolean connected() {
        return socketMode != null && socketMode.getClient() != null && socketMode.getClient().verifyConnection();
    }

    /** Closes the connection for good: no more reconnects, no more envelopes handled. */
    @PreDestroy
    public synchronized void close() {
        if (socketMode == null) {
            return;
        }
        SocketModeClient client = socketMode.getClient();
        socketMode = null;
        if (client != null) {
            try {
                client.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Socket Mode: closing the connection failed: {}", e.toString());
            }
        }
    }

    /**
     * Bolt's error handler: what to send back when a handler threw. A slash command that failed because the database
     * is unreachable gets the ephemeral "did not record" message, as over HTTP; an Events API delivery that failed
     * for another reason is acknowledged, as over HTTP; anything else is not acknowledged (null), so Slack
     * redelivers an event, and a person sees their click or command fail.
     */
    static Response refusal(SocketModeApp.ErrorContext context) {
        Request<?> request = context.getRequest();
        RequestType type = request == null ? null : request.getRequestType();
        if (Databases.isDatabaseFailure(context.getException())) {
            LOG.warn("Slack request of type {} over Socket Mode refused: the database is unavailable ({})", type,
                    context.getException().toString());
            return type == RequestType.Command ? Response.builder().statusCode(200)
                    .contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8).body(SlackEventsController
                            .COMMAND_NOT_RECORDED).build() : null;
        }
        LOG.error("Slack request of type {} over Socket Mode failed in its handler", type, context.getException());
        return type == RequestType.Event ? Response.ok() : null;
    }
}
