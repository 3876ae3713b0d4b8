package dev.alfred.bot.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.io.IOException;

/**
 * The JSON answers of the webhook endpoints, and the body checks they share with Slack's (DESIGN.md section 4): over
 * 1 MiB is 413, not a JSON object is 400, a database that cannot be reached is 503 with {@code Retry-After} (nothing
 * was recorded, so the sender should retry).
 */
final class WebhookResponses {
    /** Largest body accepted: 1 MiB. */
    static final int MAX_BODY_BYTES = 1 << 20;
    /** What a 503 asks the sender to wait before retrying, in seconds. */
    static final int RETRY_AFTER_SECONDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookResponses() {
    }

    /**
     * @param contentType the request's content type; for {@code application/x-www-form-urlencoded} the JSON is the
     *                    {@code payload} field (GitHub's "form" content type)
     * @return the body as a JSON object, or null when it is not one
     */
    static JsonNode object(String contentType, byte[] body) {
        try {
            JsonNode node;
            if (contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED)) {
                String payload = dev.alfred.bot.slack.http.SlackPayloads.form(new String(body,
                        java.nio.charset.StandardCharsets.UTF_8)).get("payload");
                node = payload == null ? null : JSON.readTree(payload);
            } else {
                node = JSON.readTree(body);
            }
            return node != null && node.isObject() ? node : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    static MutableHttpResponse<String> error(HttpStatus status, String message) {
        return json(status, JSON.createObjectNode().put("ok", false).put("error", message));
    }

    static MutableHttpResponse<String> unavailable() {
        return error(HttpStatus.SERVICE_UNAVAILABLE, "Alfred cannot reach its database; nothing was recorded, retry "
                + "later").header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
    }

    /** @return {@code {"ok": true, "run_id": …}} (run id null when none started) with more fields from {@code more} */
    static MutableHttpResponse<String> ok(HttpStatus status, String runId, String... more) {
        ObjectNode body = JSON.createObjectNode().put("ok", true).put("run_id", runId);
        for (int i = 0; i + 1 < more.length; i += 2) {
            body.put(more[i], more[i + 1]);
        }
        return json(status, body);
    }

    private static MutableHttpResponse<String> json(HttpStatus status, JsonNode body) {
        return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(body.toString());
    }
}
