package dev.alfred.agents.run;

/** What a step did. */
public enum StepKind {
    /** One call to the model with the transcript and the tool specifications. */
    MODEL_TURN,
    /** One tool call the model asked for. */
    TOOL_CALL,
    /** One call to the model summarising older turns, so the prompt stays under the agent's token budget. */
    COMPACTION
}
