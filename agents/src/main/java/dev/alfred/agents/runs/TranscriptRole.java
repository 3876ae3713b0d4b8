package dev.alfred.agents.runs;

/** Who speaks in a transcript entry. */
public enum TranscriptRole {
    SYSTEM,
    USER,
    ASSISTANT,
    TOOL_RESULT
}
