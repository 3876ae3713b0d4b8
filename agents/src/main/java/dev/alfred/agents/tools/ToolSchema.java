package dev.alfred.agents.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Builds the JSON Schema of a tool's arguments object (JSON Schema draft 2020-12, the subset OpenAI-compatible tool
 * calling accepts): {@code {"type":"object","properties":{…},"required":[…]}}. The schema is plain Jackson data,
 * so the model adapters and the argument validator read the same document.
 */
public final class ToolSchema {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolSchema() {
    }

    /** @return a builder of an object schema with no properties yet */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param json a JSON Schema as text
     * @return it parsed
     * @throws IllegalArgumentException when it is not a JSON object
     */
    public static ObjectNode raw(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException("a JSON Schema must be a JSON object: " + json);
            }
            return object;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + json, e);
        }
    }

    /** An object schema under construction; each method adds one property (a null
     * description is left out) and returns the builder. */
    public static final class Builder {
        private final ObjectNode schema = JSON.createObjectNode().put("type", "object");
        private final ObjectNode properties = schema.putObject("properties");

        private Builder() {
        }

        /** Adds a {@code string} property. */
        public Builder addStringProperty(String name, String description) {
            return typed(name, "string", description);
        }

        /** Adds an {@code integer} property. */
        public Builder addIntegerProperty(String name, String description) {
            return typed(name, "integer", description);
        }

        /** Adds a {@code boolean} property. */
        public Builder addBooleanProperty(String name, String description) {
            return typed(name, "boolean", description);
        }

        /** Adds a {@code string} property limited to {@code values}. */
        public Builder addEnumProperty(String name, List<String> values, String description) {
            ObjectNode property = properties.putObject(name).put("type", "string");
            ArrayNode allowed = property.putArray("enum");
            values.forEach(allowed::add);
            if (description != null) {
                property.put("description", description);
            }
            return this;
        }

        /** Adds a property with a schema of its own. */
        public Builder addProperty(String name, ObjectNode propertySchema) {
            properties.set(name, propertySchema);
            return this;
        }

        /** Adds a property with a schema of its own, given as JSON text. */
        public Builder addProperty(String name, String propertySchemaJson) {
            return addProperty(name, raw(propertySchemaJson));
        }

        /** Lists the properties a call must give. */
        public Builder required(String... names) {
            ArrayNode required = schema.putArray("required");
            for (String name : names) {
                required.add(name);
            }
            return this;
        }

        /** @return the schema */
        public ObjectNode build() {
            return schema.deepCopy();
        }

        private Builder typed(String name, String type, String description) {
            ObjectNode property = properties.putObject(name).put("type", type);
            if (description != null) {
                property.put("description", description);
            }
            return this;
        }
    }
}
