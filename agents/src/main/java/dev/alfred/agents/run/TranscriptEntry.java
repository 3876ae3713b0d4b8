package dev.alfred.agents.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * One message of a run's transcript.
 *
 * @param seq        position in the transcript, from 0
 * @param stepNo     the step that wrote it (0 for the system prompt and the task)
 * @param toolCalls  for {@code ASSISTANT}: the tool calls as a JSON array of {@code {"id","name","arguments"}}
 * @param toolCallId for {@code TOOL_RESULT}: the call it answers
 * @param coversSeq  for {@code SUMMARY}: the last entry it stands for (it covers seq 2 up to this one)
 */
@MappedEntity("transcript_entries")
public record TranscriptEntry(
        @Id UUID id,
        String runId,
        int seq,
        int stepNo,
        TranscriptRole role,
        @Nullable String content,
        @Nullable String toolCalls,
        @Nullable String toolCallId,
        @Nullable String toolName,
        Instant createdAt,
        @Nullable Integer coversSeq) {
}
