package dev.alfred.agents.run;

import io.micronaut.core.annotation.Nullable;

/**
 * The transcript entry a step produced, before it has a position ({@link RunStore#commitStep}).
 *
 * @param toolCalls JSON array of {@code {"id","name","arguments"}} for an assistant turn that calls tools
 */
public record StepOutput(TranscriptRole role, @Nullable String content, @Nullable String toolCalls,
        @Nullable String toolCallId, @Nullable String toolName) {
}
