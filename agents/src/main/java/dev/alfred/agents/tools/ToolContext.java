package dev.alfred.agents.tools;

/**
 * The run a tool call belongs to.
 *
 * @param runId      the run's id
 * @param agent      the codename of the agent calling
 * @param toolCallId the model's id for this call
 */
public record ToolContext(String runId, String agent, String toolCallId) {
}
