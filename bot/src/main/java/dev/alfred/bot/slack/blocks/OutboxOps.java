package dev.alfred.bot.slack.blocks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * Outbox bodies that are not a plain message for {@code chat.postMessage}: a streamed answer and the assistant
 * thread's status and title. They travel through the outbox like posts, so they keep their place in the thread's
 * order and commit with the step that reports them; the body is {@code {"op": "<kind>", "text": "…"}}, which
 * {@link OutboxBodies#decode} would read as a plain message without its {@code op}.
 */
public final class OutboxOps {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OutboxOps() {
    }

    /** What an op body asks for. */
    public sealed interface Op permits Stream, AssistantStatus, AssistantTitle {
        /** @return the op's text */
        String text();
    }

    /**
     * A message streamed with {@code chat.startStream}, {@code chat.appendStream} and {@code chat.stopStream}.
     *
     * @param text Markdown, already escaped, at most {@link SlackText#MAX_MESSAGE_CHARS} characters
     */
    public record Stream(String text) implements Op {
    }

    /** {@code assistant.threads.setStatus}: e.g. {@code is thinking…}, shown after the app's name. */
    public record AssistantStatus(String text) implements Op {
    }

    /** {@code assistant.threads.setTitle}: the thread's title. */
    public record AssistantTitle(String text) implements Op {
    }

    /** @return the outbox body for {@code op} */
    public static String encode(Op op) {
        String kind = op instanceof Stream ? "stream" : op instanceof AssistantStatus ? "assistant_status"
                : "assistant_title";
        return JSON.createObjectNode().put("op", kind).put("text", op.text()).toString();
    }

    /** @return the op a body asks for, or empty for a plain message (or a body that is not JSON) */
    public static Optional<Op> decode(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            String text = node.path("text").asText("");
            return switch (node.path("op").asText("")) {
                case "stream" -> Optional.of(new Stream(text));
                case "assistant_status" -> Optional.of(new AssistantStatus(text));
                case "assistant_title" -> Optional.of(new AssistantTitle(text));
                default -> Optional.empty();
            };
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
