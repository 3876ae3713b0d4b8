package dev.alfred.agents.tools.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.agents.tools.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an MCP {@code tools/call} result into the text the model reads. Each content block becomes one paragraph:
 * text as it is; an image or audio clip as a one-line note (the model gets no pixels from a tool); a resource link
 * as its name, URI, type and description; an embedded resource as its URI and, for text, its text (a binary one as a
 * note with its size). Structured content follows as JSON unless a text block already carries the same JSON (the
 * specification asks servers to send both). {@code isError: true} makes the result a tool error. Pure: the dispatcher
 * bounds the text and marks it untrusted afterwards, like any tool output.
 */
final class McpResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private McpResults() {
    }

    /**
     * @param server the server's name, for the error text
     * @return the result for the model
     */
    static ToolResult toToolResult(String server, McpSchema.CallToolResult result) {
        List<String> parts = new ArrayList<>();
        List<McpSchema.Content> content = result.content() == null ? List.of() : result.content();
        content.forEach(block -> parts.add(describe(block)));
        if (result.structuredContent() != null && !repeated(content, result.structuredContent())) {
            parts.add("Structured content: " + json(result.structuredContent()));
        }
        String text = parts.isEmpty() ? "(the tool returned no content)" : String.join("\n\n", parts);
        return Boolean.TRUE.equals(result.isError())
                ? ToolResult.error("the MCP server " + server + " reported an error: " + text)
                : ToolResult.ok(text);
    }

    private static String describe(McpSchema.Content block) {
        if (block instanceof McpSchema.TextContent text) {
            return text.text() == null ? "" : text.text();
        }
        if (block instanceof McpSchema.ImageContent image) {
            return "[image, " + image.mimeType() + ", " + bytes(image.data()) + ": not shown]";
        }
        if (block instanceof McpSchema.AudioContent audio) {
            return "[audio, " + audio.mimeType() + ", " + bytes(audio.data()) + ": not played]";
        }
        if (block instanceof McpSchema.ResourceLink link) {
            return "[resource link: " + link.name() + " <" + link.uri() + ">"
                    + (link.mimeType() == null ? "" : ", " + link.mimeType())
                    + (link.description() == null ? "" : ": " + link.description()) + "]";
        }
        if (block instanceof McpSchema.EmbeddedResource embedded) {
            McpSchema.ResourceContents resource = embedded.resource();
            String head = "[resource " + resource.uri() + (resource.mimeType() == null ? "" : ", "
                    + resource.mimeType());
            if (resource instanceof McpSchema.TextResourceContents text) {
                return head + "]\n" + text.text();
            }
            String blob = resource instanceof McpSchema.BlobResourceContents binary ? binary.blob() : null;
            return head + ", " + bytes(blob) + " of binary data: not shown]";
        }
        return "[" + block.type() + " content: not shown]";
    }

    /** @return roughly how many bytes base64 {@code data} holds, e.g. {@code 1,024 bytes} */
    private static String bytes(String base64) {
        long length = base64 == null ? 0 : base64.length() * 3L / 4;
        return String.format("%,d bytes", length);
    }

    private static boolean repeated(List<McpSchema.Content> content, Object structured) {
        JsonNode expected = JSON.valueToTree(structured);
        for (McpSchema.Content block : content) {
            if (block instanceof McpSchema.TextContent text && text.text() != null) {
                try {
                    if (expected.equals(JSON.readTree(text.text()))) {
                        return true;
                    }
                } catch (JsonProcessingException e) {
                    // not JSON: not a copy of the structured content
                }
            }
        }
        return false;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
