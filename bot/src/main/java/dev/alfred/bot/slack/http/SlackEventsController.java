package dev.alfred.bot.slack.http;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.alfred.agents.schema.Databases;
import dev.alfred.bot.intake.SlackInbox;
import dev.alfred.bot.intake.SlackInboxWorker;
import dev.alfred.bot.slack.event.AppLifecycle;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events}: every Slack request (slash commands, interactivity, Events API) enters here, on a
 * blocking executor, never on the Netty event loop.
 *
 * <p>Refusals happen before any handler runs and write nothing: a body over 1 MiB is refused with 413 by the server
 * ({@code micronaut.server.max-request-size}) and again here; a failed signature check answers 401; a payload that
 * does not parse answers 400. Only then does Bolt dispatch the request; or, for a person's message, a mention or a
 * button click ({@link DeferredRequests}), the request is recorded in the {@link SlackInbox} (one insert, a retry
 * found there is acknowledged and dropped), acknowledged, and handed to Bolt right after the ack. A request that
 * fails because the database is unreachable is refused as not recorded (see {@link #databaseUnavailable}), never
 * acknowledged as done.
 *
 * <p>Every other well-formed, validly signed request gets a 2xx (DESIGN.md section 4, "HTTP"): Slack retries anything
 * else and, past a failure rate, disables the app's event subscriptions
 * (https://docs.slack.dev/apis/events-api/#failure-conditions). So {@code app_rate_limited}, which Slack sends as a
 * top-level payload Bolt does not parse, is acknowledged here ({@link AppLifecycle#rateLimited}); requests no handler
 * takes are acknowledged by {@link UnhandledRequests}; and an Events API delivery whose handling failed for a reason
 * other than the database is logged and acknowledged, since a retry would fail the same way.
 */
@Controller("/slack")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SlackEventsController {
    /** Largest body accepted: 1 MiB (DESIGN.md section 4). */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** What a 503 asks Slack to wait before retrying, in seconds. */
    static final int RETRY_AFTER_SECONDS = 30;
    /** A slash command's answer when the database is unreachable: an ephemeral message that nothing was started. */
    static final String COMMAND_NOT_RECORDED = "{\"response_type\":\"ephemeral\",\"text\":\":warning: Alfred "
            + "cannot reach its database right now, so it did not record this command and nothing was started. "
            + "Please try again in a minute.\"}";
    private static final Logger LOG = LoggerFactory.getLogger(SlackEventsController.class);

    private final App app;
    private final SlackRequestVerifier verifier;
    private final SlackRequestParser parser;
    private final AppLifecycle lifecycle;
    private final DeferredRequests deferrals;
    private final SlackInbox inbox;
    private final SlackInboxWorker worker;
    private final ApproveClicks approveClicks;

    public SlackEventsController(App app, SlackRequestVerifier verifier, AppLifecycle lifecycle,
            DeferredRequests deferrals, SlackInbox inbox, SlackInboxWorker worker, ApproveClicks approveClicks) {
        this.app = app;
        this.approveClicks = approveClicks;
        this.deferrals = deferrals;
        this.inbox = inbox;
        this.worker = worker;
        this.verifier = verifier;
        this.lifecycle = lifecycle;
        this.parser = new SlackRequestParser(app.config());
    }

    @Post("/events")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public HttpResponse<String> events(HttpRequest<?> request, @Body byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            return error(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "request body over 1 MiB");
        }
        HttpHeaders headers = request.getHeaders();
        if (!verifier.verify(headers.get("X-Slack-Request-Timestamp"), headers.get("X-Slack-Signature"), body)) {
            return error(HttpStatus.UNAUTHORIZED, "invalid or missing Slack signature, or stale timestamp");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String contentType = request.getContentType().map(MediaType::getName).orElse("");
        String malformed = SlackPayloads.problem(contentType, text);
        if (malformed != null) {
            return error(HttpStatus.BAD_REQUEST, malformed);
        }
        SlackPayloads.RateLimited rateLimited = SlackPayloads.rateLimited(contentType, text);
        if (rateLimited != null) {
            lifecycle.rateLimited(rateLimited.teamId(), rateLimited.minuteRateLimited());
            return HttpResponse.ok();
        }
        try {
            if (approveClicks.decided(contentType, text)) {
                return HttpResponse.ok();
            }
        } catch (RuntimeException e) {
            return handlerFailed(RequestType.BlockAction, e);
        }
        Request<?> slackRequest;
        try {
            slackRequest = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(request.getPath())
                    .queryString(toMultiMap(request.getParameters().asMap()))
                    .headers(new RequestHeaders(toMultiMap(headers.asMap())))
                    .requestBody(text)
                    .remoteAddress(request.getRemoteAddress().getAddress().getHostAddress())
                    .build());
        } catch (RuntimeException e) {
            return error(HttpStatus.BAD_REQUEST, "payload lacks a field its type needs");
        }
        if (slackRequest == null) {
            return error(HttpStatus.BAD_REQUEST, "not a Slack request Alfred understands");
        }
        try {
            Optional<SlackInbox.Entry> deferred = deferrals.entry(slackRequest, text);
            if (deferred.isPresent()) {
                if (inbox.record(deferred.get())) {
                    worker.submit(deferred.get());
                }
                return HttpResponse.ok();
            }
            return toHttp(app.run(slackRequest));
        } catch (Exception e) {
            return handlerFailed(slackRequest.getRequestType(), e);
        }
    }

    /**
     * Answers a request of {@code type} whose handler threw {@code failure}: the database unreachable as
     * {@link #databaseUnavailable}; an Events API delivery is acknowledged (a retry would fail the same way); anything
     * else gets 500.
     */
    private static HttpResponse<String> handlerFailed(RequestType type, Exception failure) {
        if (Databases.isDatabaseFailure(failure)) {
            LOG.warn("Slack request of type {} refused: the database is unavailable ({})", type, failure.toString());
            return databaseUnavailable(type);
        }
        if (type == RequestType.Event) {
            LOG.error("Events API delivery failed in its handler; acknowledged, as a retry would fail the same way",
                    failure);
            return HttpResponse.ok();
        }
        LOG.error("Slack request of type {} failed in its handler", type, failure);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "Alfred failed to handle this request; see its logs");
    }

    /**
     * Answers a request that could not be recorded because the database is unreachable. Nothing was acknowledged as
     * done: a slash command gets 200 with an ephemeral message saying so (Slack shows an HTTP error as an unexplained
     * failure); everything else gets 503 with {@code Retry-After}, and Slack retries Events API deliveries by itself
     * (https://api.slack.com/apis/events-api#retries); the retry is de-duplicated by its {@code event_id}.
     */
    private static HttpResponse<String> databaseUnavailable(RequestType type) {
        if (type == RequestType.Command) {
            return HttpResponse.ok(COMMAND_NOT_RECORDED).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        return error(HttpStatus.SERVICE_UNAVAILABLE, "Alfred cannot reach its database; nothing was recorded, "
                + "retry later").header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
    }

    private static HttpResponse<String> toHttp(Response response) {
        MutableHttpResponse<String> http = HttpResponse.status(HttpStatus.valueOf(response.getStatusCode()));
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, values) -> values.forEach(value -> http.header(name, value)));
        }
        if (response.getBody() != null) {
            http.body(response.getBody());
            http.contentType(response.getContentType() == null ? MediaType.TEXT_PLAIN : response.getContentType());
        }
        return http;
    }

    private static MutableHttpResponse<String> error(HttpStatus status, String message) {
        return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE)
                .body("{\"ok\":false,\"error\":\"" + message + "\"}");
    }

    private static Map<String, List<String>> toMultiMap(Map<String, List<String>> values) {
        return new HashMap<>(values);
    }
}
