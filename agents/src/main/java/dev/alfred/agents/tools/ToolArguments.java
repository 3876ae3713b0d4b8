package dev.alfred.agents.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates tool arguments against the tool's parameter schema with a JSON Schema validator (networknt
 * json-schema-validator 2, draft 2020-12 unless the schema names another draft in {@code $schema}). The schema is the
 * one the model receives, so a call the model was told is valid is valid here.
 *
 * <p>Compiled schemas are cached by tool name together with the schema they were compiled from: a tool whose schema
 * changes (an MCP server's tool after {@code notifications/tools/list_changed}) is recompiled on its next call.
 * Schemas never make the validator fetch anything: a {@code $ref} to a remote URL is not followed (an MCP server's
 * schema is untrusted input).
 */
public final class ToolArguments {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
    private static final Map<String, Compiled> SCHEMAS = new ConcurrentHashMap<>();

    private ToolArguments() {
    }

    /**
     * @return the problems with {@code arguments}, one sentence each starting with where in the arguments it is
     *         (e.g. {@code /channel: integer found, string expected}); empty when they are valid. A schema the
     *         validator cannot use (an MCP server may send one) is one problem naming the tool, never an exception.
     */
    public static List<String> problems(Tool tool, JsonNode arguments) {
        ObjectNode parameters = tool.parameters();
        Compiled compiled = SCHEMAS.get(tool.name());
        try {
            if (compiled == null || !compiled.source().equals(parameters)) {
                compiled = new Compiled(parameters.deepCopy(), REGISTRY.getSchema(parameters));
                SCHEMAS.put(tool.name(), compiled);
            }
            return compiled.schema().validate(arguments).stream().map(ToolArguments::sentence).sorted().toList();
        } catch (RuntimeException e) {
            return List.of("the parameter schema of " + tool.name() + " cannot be checked: " + e.getMessage());
        }
    }

    /** @return the error as {@code <where>: <what>}, or only {@code <what>} when it is about the whole object */
    private static String sentence(Error error) {
        String text = error.toString();
        return text.startsWith(": ") ? text.substring(2) : text;
    }

    private record Compiled(ObjectNode source, Schema schema) {
    }
}
