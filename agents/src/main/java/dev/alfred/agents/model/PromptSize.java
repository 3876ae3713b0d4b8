package dev.alfred.agents.model;

import dev.alfred.agents.run.Step;
import dev.alfred.agents.run.StepKind;
import dev.alfred.agents.run.StepStatus;
import dev.alfred.agents.run.TranscriptEntry;
import dev.alfred.agents.run.TranscriptRole;
import dev.alfred.agents.tools.ToolSpec;
import java.util.List;

/**
 * How many tokens the next prompt of a run will take. The provider's reported usage of the latest model turn
 * (prompt plus completion tokens, since the completion is now part of the transcript) is the base; only what was
 * appended since, and everything before the first call or right after a compaction, is estimated, at
 * {@value #CHARS_PER_TOKEN} characters per token plus {@value #TOKENS_PER_MESSAGE} tokens per message (OpenAI's
 * rule of thumb for English text, "What are tokens and how to count them", help.openai.com).
 */
public final class PromptSize {
    /** Characters per token in the estimate. */
    public static final int CHARS_PER_TOKEN = 4;
    /** Tokens a message costs beyond its text (role and separators) in the estimate. */
    public static final int TOKENS_PER_MESSAGE = 4;

    private PromptSize() {
    }

    /**
     * @param steps      the run's step attempts, in order
     * @param transcript the run's whole transcript
     * @param tools      the tool specifications the prompt will carry
     * @return the next prompt's size in tokens
     */
    public static int next(List<Step> steps, List<TranscriptEntry> transcript, List<ToolSpec> tools) {
        Step lastTurn = null;
        for (Step step : steps) {
            if (step.kind() == StepKind.MODEL_TURN && step.status() == StepStatus.SUCCEEDED
                    && step.inputTokens() != null && step.outputTokens() != null) {
                lastTurn = step;
            }
        }
        List<TranscriptEntry> view = TranscriptMessages.view(transcript);
        if (lastTurn == null || compactedSince(transcript, lastTurn.stepNo())) {
            return estimate(view) + estimateTools(tools);
        }
        int turn = lastTurn.stepNo();
        int replySeq = transcript.stream().filter(entry -> entry.role() == TranscriptRole.ASSISTANT
                && entry.stepNo() == turn).mapToInt(TranscriptEntry::seq).max().orElse(Integer.MAX_VALUE);
        return lastTurn.inputTokens() + lastTurn.outputTokens()
                + estimate(view.stream().filter(entry -> entry.seq() > replySeq).toList());
    }

    /** @return the estimated tokens of these entries as messages */
    public static int estimate(List<TranscriptEntry> entries) {
        long chars = 0;
        for (TranscriptEntry entry : entries) {
            chars += length(entry.content()) + length(entry.toolCalls()) + length(entry.toolName());
        }
        return (int) Math.min(Integer.MAX_VALUE, chars / CHARS_PER_TOKEN + (long) TOKENS_PER_MESSAGE * entries.size());
    }

    /** @return the estimated tokens of the tool specifications */
    public static int estimateTools(List<ToolSpec> tools) {
        long chars = 0;
        for (ToolSpec tool : tools) {
            chars += length(tool.name()) + length(tool.description()) + String.valueOf(tool.parameters()).length();
        }
        return (int) (chars / CHARS_PER_TOKEN);
    }

    private static boolean compactedSince(List<TranscriptEntry> transcript, int stepNo) {
        return transcript.stream().anyMatch(entry -> entry.role() == TranscriptRole.SUMMARY && entry.stepNo() > stepNo);
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
