package dev.alfred.agents.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alfred.agents.tools.ToolSchema;
import dev.alfred.agents.tools.ToolSpec;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementJsonUtils;
import org.junit.jupiter.api.Test;

class ToolSpecsTest {

    @Test
    void propertiesRequiredNamesAndDefinitionsReachTheModelAsGiven() {
        ToolSpec spec = new ToolSpec("mcp__s__create", "Creates an item.", ToolSchema.raw("""
                {"type": "object", "properties": {"item": {"$ref": "#/$defs/Item"}, "n": {"type": "integer"}},
                 "required": ["item"], "$defs": {"Item": {"type": "object", "properties": {"name": {"type": "string"}}}}}
                """));

        ToolSpecification converted = ToolSpecs.toSpecification(spec);

        assertThat(converted.name()).isEqualTo("mcp__s__create");
        assertThat(JsonSchemaElementJsonUtils.toMap(converted.parameters()).toString()).isEqualTo("{type=object, "
                + "properties={item={$ref=#/$defs/Item}, n={type=integer}}, required=[item], $defs={Item={type=object, "
                + "properties={name={type=string}}}}}");
    }
}
