package dev.alfred.bot.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.schema.Databases;
import dev.alfred.agents.trigger.Trigger;
import dev.alfred.agents.trigger.Triggers;
import dev.alfred.agents.trigger.WebhookOutcome;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /hooks/<name>}: a generic webhook trigger of {@code ALFRED_TRIGGERS_DIR}, on a blocking executor.
 * Refusals come first and write nothing: over 1 MiB → 413; no such trigger → 404; {@code X-Alfred-Signature-256}
 * missing or not {@code sha256=} and the hex HMAC-SHA256 of the body under the trigger's secret → 401; a body that
 * is not a JSON object → 400. Then the run starts in the request's transaction ({@link Triggers#fire}) and the answer
 * is 202 {@code {"run_id": …}}; a request whose de-duplication key was seen before is answered 200 with the first
 * run's id. ({@code /hooks/github} is {@link GitHubWebhookController}'s: exact paths win over this one.)
 */
@Controller("/hooks")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TriggerWebhookController {
    /** The header carrying a generic trigger's signature. */
    public static final String SIGNATURE_HEADER = "X-Alfred-Signature-256";
    private static final Logger LOG = LoggerFactory.getLogger(TriggerWebhookController.class);

    private final Triggers triggers;

    public TriggerWebhookController(Triggers triggers) {
        this.triggers = triggers;
    }

    @Post("/{name}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_PLAIN})
    public HttpResponse<String> deliver(@PathVariable String name, HttpRequest<?> request, @Body byte[] body) {
        if (body.length > WebhookResponses.MAX_BODY_BYTES) {
            return WebhookResponses.error(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "request body over 1 MiB");
        }
        Optional<Trigger> trigger = triggers.find(name);
        if (trigger.isEmpty()) {
            return WebhookResponses.error(HttpStatus.NOT_FOUND, "no such trigger");
        }
        if (!WebhookSignatures.verify(trigger.get().secret(), request.getHeaders().get(SIGNATURE_HEADER), body)) {
            return WebhookResponses.error(HttpStatus.UNAUTHORIZED, "missing or invalid " + SIGNATURE_HEADER);
        }
        JsonNode json = WebhookResponses.object(request.getContentType().map(MediaType::getName).orElse(""), body);
        if (json == null) {
            return WebhookResponses.error(HttpStatus.BAD_REQUEST, "the body is not a JSON object");
        }
        try {
            WebhookOutcome outcome = triggers.fire(trigger.get(), body, json);
            if (outcome instanceof WebhookOutcome.Started started) {
                LOG.info("trigger {} started run {}", name, started.run().id());
                return WebhookResponses.ok(HttpStatus.ACCEPTED, started.run().id());
            }
            String first = outcome instanceof WebhookOutcome.Duplicate duplicate ? duplicate.runId() : null;
            return WebhookResponses.ok(HttpStatus.OK, first, "duplicate", "true");
        } catch (RuntimeException e) {
            if (Databases.isDatabaseFailure(e)) {
                LOG.warn("trigger {} refused: the database is unavailable ({})", name, e.toString());
                return WebhookResponses.unavailable();
            }
            throw e;
        }
    }
}
