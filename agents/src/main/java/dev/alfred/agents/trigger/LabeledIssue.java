package dev.alfred.agents.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * An {@code issues} webhook event whose action is {@code labeled}, as GitHub sends it (payload fields
 * {@code action}, {@code label.name}, {@code issue.number|title|body|html_url|updated_at}, {@code repository.full_name},
 * {@code sender.login}; see GitHub's "Webhook events and payloads", {@code issues}).
 *
 * @param repo      {@code owner/name}
 * @param updatedAt the issue's {@code updated_at}, which the label change set: two deliveries of one label event
 *                  carry the same value
 * @param sender    the login of whoever added the label
 */
public record LabeledIssue(String repo, int number, String title, String body, String htmlUrl, String label,
        String updatedAt, String sender) {

    /**
     * @param event   the {@code X-GitHub-Event} header
     * @param payload the delivery's JSON body
     * @return the labelled issue, or empty when the delivery is anything else (another event or action, a pull
     *         request, fields missing)
     */
    public static Optional<LabeledIssue> from(String event, JsonNode payload) {
        JsonNode issue = payload.path("issue");
        if (!"issues".equals(event) || !"labeled".equals(payload.path("action").asText())
                || !issue.path("number").canConvertToInt() || issue.has("pull_request")
                || !payload.path("repository").path("full_name").isTextual()
                || !payload.path("label").path("name").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new LabeledIssue(payload.path("repository").path("full_name").asText(),
                issue.path("number").asInt(), issue.path("title").asText(""), issue.path("body").asText(""),
                issue.path("html_url").asText(""), payload.path("label").path("name").asText(),
                issue.path("updated_at").asText(""), payload.path("sender").path("login").asText("")));
    }
}
