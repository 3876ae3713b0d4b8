package dev.alfred.bot.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.schema.Databases;
import dev.alfred.agents.trigger.GitHubWebhookSettings;
import dev.alfred.agents.trigger.GitHubWebhooks;
import dev.alfred.agents.trigger.WebhookOutcome;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /hooks/github}: GitHub webhook deliveries, on a blocking executor. Refusals come first and write
 * nothing: over 1 MiB → 413; {@code X-Hub-Signature-256} missing, SHA-1 only ({@code X-Hub-Signature}) or not the
 * HMAC-SHA256 of the body under {@code ALFRED_GITHUB_WEBHOOK_SECRET} → 401 (also when no secret is set); a body that
 * is not a JSON object, or no {@code X-GitHub-Event} / {@code X-GitHub-Delivery} → 400. Then {@code ping} → 200;
 * any other event is recorded by its delivery id ({@link GitHubWebhooks}) and answered 202 at once (a labelled issue's
 * run has started by then; its labels move in a background job); a delivery seen before → 200.
 */
@Controller("/hooks")
@ExecuteOn(TaskExecutors.BLOCKING)
public class GitHubWebhookController {
    private static final Logger LOG = LoggerFactory.getLogger(GitHubWebhookController.class);

    private final GitHubWebhooks webhooks;
    private final GitHubWebhookSettings settings;

    public GitHubWebhookController(GitHubWebhooks webhooks, GitHubWebhookSettings settings) {
        this.webhooks = webhooks;
        this.settings = settings;
    }

    @Post("/github")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_PLAIN})
    public HttpResponse<String> deliver(HttpRequest<?> request, @Body byte[] body) {
        if (body.length > WebhookResponses.MAX_BODY_BYTES) {
            return WebhookResponses.error(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "request body over 1 MiB");
        }
        HttpHeaders headers = request.getHeaders();
        if (!WebhookSignatures.verify(settings.getSecret(), headers.get("X-Hub-Signature-256"), body)) {
            return WebhookResponses.error(HttpStatus.UNAUTHORIZED, "missing or invalid X-Hub-Signature-256");
        }
        String event = headers.get("X-GitHub-Event");
        String delivery = headers.get("X-GitHub-Delivery");
        JsonNode payload = WebhookResponses.object(request.getContentType().map(MediaType::getName).orElse(""),
                body);
        if (payload == null || event == null || event.isBlank() || delivery == null || delivery.isBlank()) {
            return WebhookResponses.error(HttpStatus.BAD_REQUEST, "not a GitHub webhook delivery: a JSON object "
                    + "body with X-GitHub-Event and X-GitHub-Delivery headers is expected (content type "
                    + "application/json)");
        }
        if (event.equals("ping")) {
            return WebhookResponses.ok(HttpStatus.OK, null, "event", "ping");
        }
        try {
            WebhookOutcome outcome = webhooks.accept(delivery.strip(), event.strip(), payload);
            if (outcome instanceof WebhookOutcome.Duplicate duplicate) {
                return WebhookResponses.ok(HttpStatus.OK, duplicate.runId(), "duplicate", "true");
            }
            if (outcome instanceof WebhookOutcome.Started started) {
                LOG.info("GitHub delivery {} ({}) started run {}", delivery, event, started.run().id());
                return WebhookResponses.ok(HttpStatus.ACCEPTED, started.run().id());
            }
            return WebhookResponses.ok(HttpStatus.ACCEPTED, null, "note", ((WebhookOutcome.Ignored) outcome).reason());
        } catch (RuntimeException e) {
            if (Databases.isDatabaseFailure(e)) {
                LOG.warn("GitHub delivery {} refused: the database is unavailable ({})", delivery, e.toString());
                return WebhookResponses.unavailable();
            }
            throw e;
        }
    }
}
