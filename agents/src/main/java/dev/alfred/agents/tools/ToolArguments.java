package dev.alfred.agents.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates tool arguments against the tool's parameter schema with a JSON Schema validator (networknt,
 * draft 2020-12). The schema is the one the model receives, so a call the model was told is valid is valid here.
 */
public final class ToolArguments {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private ToolArguments() {
    }

    /** @return the problems with {@code arguments}, one sentence each; empty when they are valid */
    public static List<String> problems(Tool tool, JsonNode arguments) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(tool.name(), name -> FACTORY.getSchema(
                tool.parameters()));
        return schema.validate(arguments).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
