package dev.alfred.bot.slack.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Shape checks of Slack request bodies before Bolt parses them, so that a malformed payload gets a 400 instead of
 * an exception deep in a parser. Slack sends slash commands and interactivity as
 * {@code application/x-www-form-urlencoded} (interactivity as a JSON {@code payload} field), and the Events API as
 * {@code application/json}.
 */
public final class SlackPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackPayloads() {
    }

    /** @return what is wrong with the body, or null when it has a shape Slack sends */
    static String problem(String contentType, String body) {
        if (contentType.startsWith("application/json")) {
            return jsonObjectWithType(body, "JSON body");
        }
        Map<String, String> form;
        try {
            form = form(body);
        } catch (IllegalArgumentException e) {
            return "form body does not decode";
        }
        if (form.containsKey("payload")) {
            return jsonObjectWithType(form.get("payload"), "payload field");
        }
        if (form.containsKey("command") || "1".equals(form.get("ssl_check"))) {
            return null;
        }
        return "neither a slash command nor an interaction payload";
    }

    /**
     * An {@code app_rate_limited} delivery (https://docs.slack.dev/reference/events/app_rate_limited): Slack sends it
     * as a top-level JSON payload, not wrapped in an {@code event_callback}.
     *
     * @param teamId            the workspace, if named
     * @param minuteRateLimited the minute (epoch seconds) whose events were dropped; 0 when absent
     */
    public record RateLimited(String teamId, long minuteRateLimited) {
    }

    /** @return the {@code app_rate_limited} payload this body is, or null when it is another (or not JSON) */
    static RateLimited rateLimited(String contentType, String body) {
        if (!contentType.startsWith("application/json")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return "app_rate_limited".equals(node.path("type").asText()) ? new RateLimited(node.hasNonNull("team_id")
                    ? node.get("team_id").asText() : null, node.path("minute_rate_limited").asLong()) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * @return the form fields of an {@code application/x-www-form-urlencoded} body, last value wins
     * @throws IllegalArgumentException when a field does not decode
     */
    public static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.put(name, value);
        }
        return fields;
    }

    private static String jsonObjectWithType(String json, String what) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject() || !node.path("type").isTextual()) {
                return what + " is not a JSON object with a \"type\"";
            }
            return null;
        } catch (JsonProcessingException e) {
            return what + " is not valid JSON";
        }
    }
}
