package dev.alfred.bot.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The real Slack payloads under {@code src/test/resources/slack-payloads} (see its {@code SOURCE.md}), made ready to
 * send as Slack sends them: Events API bodies with a fresh {@code event_id}, interactions form-encoded in a
 * {@code payload} field, the slash command as form fields.
 */
public final class SlackPayloadSamples {
    /** Where the samples are, relative to the {@code bot} module. */
    public static final Path ROOT = Path.of("src", "test", "resources", "slack-payloads");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger DELIVERIES = new AtomicInteger();

    private SlackPayloadSamples() {
    }

    /** How a sample reaches Alfred. */
    public enum Kind {
        /** An Events API {@code event_callback}: JSON over HTTP, an {@code events_api} envelope over Socket Mode. */
        EVENT,
        /** An interaction: a form {@code payload} over HTTP, an {@code interactive} envelope over Socket Mode. */
        INTERACTION,
        /** A slash command: form fields over HTTP, a {@code slash_commands} envelope over Socket Mode. */
        COMMAND,
        /** A top-level JSON payload sent only over HTTP ({@code url_verification}, {@code app_rate_limited}). */
        HTTP_ONLY
    }

    /**
     * One sample, ready to send.
     *
     * @param name    its file, relative to {@link #ROOT}
     * @param json    the payload as JSON (for a command, its fields), after the replay's changes
     */
    public record Sample(String name, Kind kind, ObjectNode json) {
        /** @return the HTTP {@code Content-Type} Slack sends it with */
        public String contentType() {
            return kind == Kind.EVENT || kind == Kind.HTTP_ONLY ? "application/json"
                    : "application/x-www-form-urlencoded";
        }

        /** @return the HTTP body Slack sends */
        public String httpBody() {
            return switch (kind) {
                case EVENT, HTTP_ONLY -> json.toString();
                case INTERACTION -> "payload=" + URLEncoder.encode(json.toString(), StandardCharsets.UTF_8);
                case COMMAND -> SlackRequests.encode(fields(json));
            };
        }

        /** @return the command's fields, as Socket Mode's {@code slash_commands} envelope carries them */
        public Map<String, String> fields() {
            return fields(json);
        }

        @Override
        public String toString() {
            return name;
        }

        private static Map<String, String> fields(JsonNode json) {
            Map<String, String> fields = new LinkedHashMap<>();
            json.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
            return fields;
        }
    }

    /** @return every sample, in file name order */
    public static List<Sample> all() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(path -> path.toString().endsWith(".json")).sorted()
                    .map(SlackPayloadSamples::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the sample in {@code name} (relative to {@link #ROOT}) */
    public static Sample named(String name) {
        return load(ROOT.resolve(name));
    }

    private static Sample load(Path file) {
        String name = ROOT.relativize(file).toString().replace('\\', '/');
        ObjectNode json;
        try {
            json = (ObjectNode) JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("sample " + name + " does not read", e);
        }
        if (json.path("event").isObject()) {
            if (json.path("type").asText().isBlank()) {
                json.put("type", "event_callback");
            }
            json.put("event_id", "EvReplay" + DELIVERIES.incrementAndGet());
            json.put("event_time", Instant.now().getEpochSecond());
            return new Sample(name, Kind.EVENT, json);
        }
        String type = json.path("type").asText();
        if (type.equals("url_verification") || type.equals("app_rate_limited")) {
            return new Sample(name, Kind.HTTP_ONLY, json);
        }
        if (json.has("command")) {
            if (json.path("command").asText().isBlank()) {
                json.put("command", "/alfred");
            }
            return new Sample(name, Kind.COMMAND, json);
        }
        return new Sample(name, Kind.INTERACTION, json);
    }
}
