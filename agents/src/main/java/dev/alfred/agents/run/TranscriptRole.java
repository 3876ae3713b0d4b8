package dev.alfred.agents.run;

/** Who speaks in a transcript entry. */
public enum TranscriptRole {
    SYSTEM,
    USER,
    ASSISTANT,
    TOOL_RESULT,
    /** Compaction's summary of older turns; the model reads it instead of them. */
    SUMMARY
}
