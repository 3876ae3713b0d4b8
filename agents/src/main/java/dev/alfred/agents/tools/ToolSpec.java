package dev.alfred.agents.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tool as the model is offered it.
 *
 * @param name        the tool's name
 * @param description what the tool does, for the model, with its risk tier
 * @param parameters  the JSON Schema of its arguments object ({@code {"type":"object","properties":…}})
 */
public record ToolSpec(String name, String description, ObjectNode parameters) {
}
