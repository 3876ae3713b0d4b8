package dev.alfred.agents.model;

import dev.alfred.agents.tools.ToolSpec;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Converts the runtime's {@link ToolSpec}s into LangChain4j's {@link ToolSpecification}s. Each property's schema is
 * passed through as given ({@link JsonRawSchema}), so what the model receives is the tool's JSON Schema word for word,
 * whatever keywords it uses (an MCP server's, for instance); so are the schema's {@code $defs}, which its properties'
 * {@code $ref}s point into (MCP servers written with Pydantic list nested models that way).
 */
public final class ToolSpecs {
    /**
     * Conversions done before, by the spec they were made from (a record: equal name, description and schema, compared
     * by value). A run's model turns offer the same tools again and again; converting means writing every property's
     * schema out as JSON text. Emptied when it reaches {@link #CACHED_MAX} entries (tool sets that keep changing, an
     * MCP server's listing for instance), so it stays small.
     */
    private static final Map<ToolSpec, ToolSpecification> CONVERTED = new ConcurrentHashMap<>();
    /** Most conversions kept: far above the tools of all shipped agents and a few MCP servers. */
    static final int CACHED_MAX = 512;

    private ToolSpecs() {
    }

    /** @return the specifications, in the same order (LangChain4j's are immutable, so one may be handed out twice) */
    public static List<ToolSpecification> toSpecifications(List<ToolSpec> tools) {
        List<ToolSpecification> specifications = new ArrayList<>(tools.size());
        for (ToolSpec tool : tools) {
            ToolSpecification converted = CONVERTED.get(tool);
            if (converted == null) {
                converted = toSpecification(tool);
                if (CONVERTED.size() >= CACHED_MAX) {
                    CONVERTED.clear();
                }
                CONVERTED.put(tool, converted);
            }
            specifications.add(converted);
        }
        return specifications;
    }

    /** @return one specification: name, description, and the parameters' properties and required names */
    public static ToolSpecification toSpecification(ToolSpec tool) {
        JsonObjectSchema.Builder parameters = JsonObjectSchema.builder();
        tool.parameters().path("properties").fields()
                .forEachRemaining(field -> parameters.addProperty(field.getKey(),
                        JsonRawSchema.from(field.getValue().toString())));
        List<String> required = new ArrayList<>();
        tool.parameters().path("required").forEach(name -> required.add(name.asText()));
        if (!required.isEmpty()) {
            parameters.required(required);
        }
        if (tool.parameters().path("$defs").isObject() && !tool.parameters().path("$defs").isEmpty()) {
            Map<String, JsonSchemaElement> definitions = new LinkedHashMap<>();
            tool.parameters().path("$defs").fields().forEachRemaining(field -> definitions.put(field.getKey(),
                    JsonRawSchema.from(field.getValue().toString())));
            parameters.definitions(definitions);
        }
        if (tool.parameters().path("description").isTextual()) {
            parameters.description(tool.parameters().path("description").asText());
        }
        return ToolSpecification.builder().name(tool.name()).description(tool.description())
                .parameters(parameters.build()).build();
    }
}
