package dev.alfred.agents.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alfred.agents.tools.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpResultsTest {

    @Test
    void textImagesLinksAndResourcesBecomeParagraphs() {
        McpSchema.CallToolResult result = McpSchema.CallToolResult.builder(List.of(
                new McpSchema.TextContent("Here you are:"),
                new McpSchema.ImageContent(null, "iVBORw0KGgo=", "image/png"),
                McpSchema.ResourceLink.builder().name("Report").uri("demo://report").mimeType("text/plain")
                        .description("the weekly report").build(),
                new McpSchema.EmbeddedResource(null, new McpSchema.TextResourceContents("demo://a", "text/plain",
                        "alpha")),
                new McpSchema.EmbeddedResource(null, new McpSchema.BlobResourceContents("demo://b",
                        "application/gzip", "AAAA")))).build();

        ToolResult text = McpResults.toToolResult("everything", result);

        assertThat(text.error()).isFalse();
        assertThat(text.content()).isEqualTo("""
                Here you are:

                [image, image/png, 9 bytes: not shown]

                [resource link: Report <demo://report>, text/plain: the weekly report]

                [resource demo://a, text/plain]
                alpha

                [resource demo://b, application/gzip, 3 bytes of binary data: not shown]""");
    }

    @Test
    void structuredContentIsAddedUnlessATextBlockAlreadyCarriesIt() {
        Map<String, Object> weather = Map.of("temperature", 21, "conditions", "Sunny");
        McpSchema.CallToolResult both = McpSchema.CallToolResult.builder(List.of(new McpSchema.TextContent(
                "{\"conditions\":\"Sunny\",\"temperature\":21}"))).structuredContent(weather).build();
        McpSchema.CallToolResult onlyStructured = McpSchema.CallToolResult.builder(List.of())
                .structuredContent(Map.of("temperature", 21)).build();

        assertThat(McpResults.toToolResult("s", both).content()).isEqualTo("{\"conditions\":\"Sunny\","
                + "\"temperature\":21}");
        assertThat(McpResults.toToolResult("s", onlyStructured).content())
                .isEqualTo("Structured content: {\"temperature\":21}");
    }

    @Test
    void isErrorMakesAToolErrorAndNothingMakesANote() {
        McpSchema.CallToolResult failed = McpSchema.CallToolResult.builder(List.of(
                new McpSchema.TextContent("no such issue"))).isError(true).build();

        assertThat(McpResults.toToolResult("linear", failed))
                .isEqualTo(ToolResult.error("the MCP server linear reported an error: no such issue"));
        assertThat(McpResults.toToolResult("s", McpSchema.CallToolResult.builder(List.of()).build()).content())
                .isEqualTo("(the tool returned no content)");
    }
}
