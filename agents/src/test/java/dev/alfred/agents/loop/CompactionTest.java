package dev.alfred.agents.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.alfred.agents.catalog.AgentDefinition;
import dev.alfred.agents.model.PromptSize;
import dev.alfred.agents.model.TranscriptMessages;
import dev.alfred.agents.run.Step;
import dev.alfred.agents.run.StepKind;
import dev.alfred.agents.run.StepStatus;
import dev.alfred.agents.run.TranscriptEntry;
import dev.alfred.agents.run.TranscriptRole;
import dev.alfred.agents.tools.ToolCall;
import dev.alfred.agents.tools.ToolCalls;
import dev.alfred.agents.tools.ToolSchema;
import dev.alfred.agents.tools.ToolSpec;
import dev.langchain4j.data.message.UserMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CompactionTest {
    private static final int BUDGET = 4_000;
    private static final AgentDefinition ORACLE = new AgentDefinition("oracle", "Checks services.",
            "You are Oracle. Check services with read-only requests.", null, null, List.of("http_get"), null, null,
            BUDGET);
    private static final List<ToolSpec> TOOLS = List.of(new ToolSpec("http_get", "Fetches a URL. Risk tier: read.",
            ToolSchema.builder().addStringProperty("url", null).required("url").build()));

    @Test
    void thereIsNoPlanUnderTheTrigger() {
        RunRecord run = new RunRecord();
        for (int i = 0; i < 3; i++) {
            run.modelTurnCalling(1).toolResult(chars(2_000));
        }

        assertThat(PromptSize.next(run.steps, run.transcript, TOOLS) * 100)
                .isLessThanOrEqualTo(BUDGET * Compaction.TRIGGER_PERCENT);
        assertThat(Compaction.plan(ORACLE, run.steps, run.transcript, TOOLS)).isEmpty();
    }

    @Test
    void overTheTriggerTheOlderTurnsAreSummarisedAndTheLatestKept() {
        RunRecord run = new RunRecord();
        for (int i = 0; i < 8; i++) {
            run.modelTurnCalling(1).toolResult(chars(2_000));
        }

        Compaction.Plan plan = Compaction.plan(ORACLE, run.steps, run.transcript, TOOLS).orElseThrow();

        assertThat(plan.previous()).isNull();
        assertThat(plan.budget()).isEqualTo(BUDGET);
        assertThat(plan.promptSize()).isEqualTo(PromptSize.next(run.steps, run.transcript, TOOLS))
                .isGreaterThan(BUDGET * Compaction.TRIGGER_PERCENT / 100);
        assertThat(plan.entries().get(0).seq()).isEqualTo(2);
        assertThat(plan.entries()).extracting(TranscriptEntry::seq).isSorted().doesNotHaveDuplicates()
                .last().isEqualTo(plan.coversSeq());
        List<TranscriptEntry> kept = kept(run.transcript, plan);
        assertThat(kept.get(0).role()).isEqualTo(TranscriptRole.ASSISTANT);
        assertThat(kept).hasSizeGreaterThan(2).contains(run.latestAssistant(), run.last());
        assertThat(PromptSize.estimate(kept) + PromptSize.estimateTools(TOOLS))
                .isLessThanOrEqualTo(BUDGET * Compaction.KEEP_PERCENT / 100);
    }

    @Test
    void theKeptPartNeverStartsAtAToolResult() {
        RunRecord run = new RunRecord();
        run.modelTurnCalling(1).toolResult(chars(4_000));
        run.modelTurnCalling(1).toolResult(chars(4_000));
        run.modelTurnSaying(chars(6_000), 2).toolResult(chars(200)).toolResult(chars(200));
        run.modelTurnCalling(1).toolResult(chars(200));

        Compaction.Plan plan = Compaction.plan(ORACLE, run.steps, run.transcript, TOOLS).orElseThrow();

        assertThat(plan.coversSeq()).as("the small results of the long turn fit, the long turn does not; "
                + "the cut goes before the latest turn rather than between a call and its results")
                .isEqualTo(run.latestAssistant().seq() - 1);
        assertThat(kept(run.transcript, plan).get(0)).isEqualTo(run.latestAssistant());
    }

    @Test
    void theLatestTurnWithItsResultsIsKeptEvenWhenItAloneIsOverTheKeptShare() {
        RunRecord run = new RunRecord();
        run.modelTurnCalling(1).toolResult(chars(2_000));
        run.modelTurnCalling(1).toolResult(chars(2_000));
        run.modelTurnCalling(2).toolResult(chars(5_000)).toolResult(chars(5_000));

        Compaction.Plan plan = Compaction.plan(ORACLE, run.steps, run.transcript, TOOLS).orElseThrow();

        List<TranscriptEntry> kept = kept(run.transcript, plan);
        assertThat(kept).extracting(TranscriptEntry::role).containsExactly(TranscriptRole.ASSISTANT,
                TranscriptRole.TOOL_RESULT, TranscriptRole.TOOL_RESULT);
        assertThat(PromptSize.estimate(kept)).isGreaterThan(BUDGET * Compaction.KEEP_PERCENT / 100);
    }

    @Test
    void aSingleTurnOverTheTriggerLeavesNothingToCompact() {
        RunRecord run = new RunRecord();
        run.modelTurnCalling(1).toolResult(chars(16_000));

        assertThat(PromptSize.next(run.steps, run.transcript, TOOLS)).isGreaterThan(BUDGET);
        assertThat(Compaction.plan(ORACLE, run.steps, run.transcript, TOOLS)).isEmpty();
    }

    @Test
    void afterASummaryTheModelSeesSystemTaskSummaryThenWhatItDoesNotCover() {
        RunRecord run = new RunRecord();
        run.modelTurnCalling(1).toolResult("first result");
        run.modelTurnCalling(1).toolResult("second result");
        TranscriptEntry summary = run.summary(3, "Fetched the first page: green.");
        run.modelTurnCalling(1).toolResult("third result");

        assertThat(TranscriptMessages.view(run.transcript)).extracting(TranscriptEntry::seq)
                .containsExactly(0, 1, summary.seq(), 4, 5, 7, 8);
        TranscriptEntry later = run.summary(7, "Fetched three pages: all green.");
        assertThat(TranscriptMessages.view(run.transcript)).extracting(TranscriptEntry::seq)
                .containsExactly(0, 1, later.seq(), 8);
        assertThat(((UserMessage) TranscriptMessages.toMessages(run.transcript).get(2)).singleText())
                .isEqualTo(TranscriptMessages.SUMMARY_HEADING + "Fetched three pages: all green.");
    }

    @Test
    void aPlanAfterASummaryFoldsItInAndCoversOnlyWhatCameAfter() {
        RunRecord run = new RunRecord();
        for (int i = 0; i < 3; i++) {
            run.modelTurnCalling(1).toolResult(chars(2_000));
        }
        TranscriptEntry summary = run.summary(run.latestAssistant().seq() - 1, chars(400));
        for (int i = 0; i < 7; i++) {
            run.modelTurnCalling(1).toolResult(chars(2_000));
        }

        Compaction.Plan plan = Compaction.plan(ORACLE, run.steps, run.transcript, TOOLS).orElseThrow();

        assertThat(plan.previous()).isEqualTo(summary);
        assertThat(plan.entries()).noneMatch(entry -> entry.role() == TranscriptRole.SUMMARY)
                .allMatch(entry -> entry.seq() > summary.coversSeq());
        assertThat(Compaction.text(plan))
                .startsWith("Summary so far:\n" + summary.content());
    }

    @Test
    void beforeTheFirstCallThePromptIsEstimated() {
        RunRecord run = new RunRecord();

        assertThat(PromptSize.next(run.steps, run.transcript, TOOLS))
                .isEqualTo(PromptSize.estimate(run.transcript) + PromptSize.estimateTools(TOOLS))
                .isEqualTo((run.transcript.get(0).content().length() + run.transcript.get(1).content().length())
                        / PromptSize.CHARS_PER_TOKEN + 2 * PromptSize.TOKENS_PER_MESSAGE
                        + PromptSize.estimateTools(TOOLS));
    }

    @Test
    void afterACallThePromptIsTheReportedUsagePlusAnEstimateOfWhatCameAfter() {
        RunRecord run = new RunRecord();
        run.modelTurnCalling(1).toolResult(chars(400));
        run.steps.set(0, withUsage(run.steps.get(0), 1_000, 50));
        run.failedModelTurn();

        assertThat(PromptSize.next(run.steps, run.transcript, TOOLS))
                .as("1,000 in + 50 out, then one result of 400 characters from http_get")
                .isEqualTo(1_000 + 50 + (400 + "http_get".length()) / PromptSize.CHARS_PER_TOKEN
                        + PromptSize.TOKENS_PER_MESSAGE);
    }

    @Test
    void afterACompactionThePromptIsEstimatedAgain() {
        RunRecord run = new RunRecord();
        run.modelTurnCalling(1).toolResult(chars(400));
        run.steps.set(0, withUsage(run.steps.get(0), 90_000, 50));
        run.summary(3, "Fetched one page.");

        assertThat(PromptSize.next(run.steps, run.transcript, TOOLS)).isEqualTo(
                PromptSize.estimate(TranscriptMessages.view(run.transcript)) + PromptSize.estimateTools(TOOLS));
    }

    @Test
    void aLongRunStaysUnderItsPromptBudgetAtEveryModelTurn() {
        RunRecord run = new RunRecord();
        int largest = 0;
        int compactions = 0;
        for (int turn = 1; turn <= 50; turn++) {
            Optional<Compaction.Plan> plan = Compaction.plan(ORACLE, run.steps, run.transcript, TOOLS);
            if (plan.isPresent()) {
                assertThat(kept(run.transcript, plan.get()).get(0).role()).isNotEqualTo(TranscriptRole.TOOL_RESULT);
                assertThat(kept(run.transcript, plan.get())).contains(run.latestAssistant(), run.last());
                run.summary(plan.get().coversSeq(), chars(400));
                compactions++;
            } else {
                assertThat(PromptSize.next(run.steps, run.transcript, TOOLS))
                        .isCloseTo(prompt(run), within(4));
            }
            int prompt = prompt(run);
            assertThat(prompt).as("prompt at model turn %d", turn).isLessThanOrEqualTo(BUDGET);
            largest = Math.max(largest, prompt);
            run.modelTurnCalling(1).reportUsage(prompt).toolResult(chars(2_000));
        }

        System.out.printf("compaction simulation: 50 turns, %d compactions, largest prompt %d of %d tokens%n",
                compactions, largest, BUDGET);
        assertThat(compactions).isGreaterThan(5);
        assertThat(PromptSize.estimate(run.transcript)).isGreaterThan(5 * BUDGET);
    }

    private static Step withUsage(Step step, Integer inputTokens, Integer outputTokens) {
        return new Step(step.id(), step.runId(), step.stepNo(), step.attempt(), step.kind(), step.toolName(),
                step.toolCallId(), step.status(), step.error(), inputTokens, outputTokens, step.startedAt(),
                step.finishedAt(), step.model(), step.costUsd(), step.priced());
    }

    /** What the model would read now: the view's estimate plus the tools. */
    private static int prompt(RunRecord run) {
        return PromptSize.estimate(TranscriptMessages.view(run.transcript)) + PromptSize.estimateTools(TOOLS);
    }

    /** The entries a plan keeps word for word after the system prompt and the task. */
    private static List<TranscriptEntry> kept(List<TranscriptEntry> transcript, Compaction.Plan plan) {
        return TranscriptMessages.view(transcript).stream()
                .filter(entry -> entry.seq() > plan.coversSeq() && entry.role() != TranscriptRole.SUMMARY).toList();
    }

    /** Readable filler of exactly that many characters, like a fetched page. */
    private static String chars(int length) {
        return "HTTP 200 status=green latency_ms=42 region=eu-west-1 ".repeat(length / 50 + 1).substring(0, length);
    }

    /** A run's steps and transcript as the runner records them: step numbers grow by one per step. */
    private static final class RunRecord {
        final List<Step> steps = new ArrayList<>();
        final List<TranscriptEntry> transcript = new ArrayList<>();
        private final List<String> pendingCalls = new ArrayList<>();
        private int stepNo;

        RunRecord() {
            add(0, TranscriptRole.SYSTEM, ORACLE.systemPrompt(), null, null, null);
            add(0, TranscriptRole.USER, "Check that status.example.com and api.example.com are up.", null, null,
                    null);
        }

        RunRecord modelTurnCalling(int calls) {
            return modelTurnSaying(null, calls);
        }

        RunRecord modelTurnSaying(String text, int calls) {
            stepNo++;
            List<ToolCall> requests = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String id = "call_" + stepNo + "_" + i;
                requests.add(new ToolCall(id, "http_get", "{\"url\":\"https://status.example.com/" + stepNo + "\"}"));
                pendingCalls.add(id);
            }
            int input = PromptSize.estimate(TranscriptMessages.view(transcript)) + PromptSize.estimateTools(TOOLS);
            TranscriptEntry reply = add(stepNo, TranscriptRole.ASSISTANT, text,
                    ToolCalls.toJson(requests), null, null);
            steps.add(withUsage(step(StepKind.MODEL_TURN, StepStatus.SUCCEEDED, null), input,
                    PromptSize.estimate(List.of(reply))));
            return this;
        }

        /** Sets the latest model turn's reported input tokens; its output stays the reply's estimate. */
        RunRecord reportUsage(int inputTokens) {
            Step turn = steps.get(steps.size() - 1);
            steps.set(steps.size() - 1, withUsage(turn, inputTokens, turn.outputTokens()));
            return this;
        }

        RunRecord toolResult(String content) {
            stepNo++;
            String callId = pendingCalls.remove(0);
            steps.add(step(StepKind.TOOL_CALL, StepStatus.SUCCEEDED, callId));
            add(stepNo, TranscriptRole.TOOL_RESULT, content, null, callId, "http_get");
            return this;
        }

        void failedModelTurn() {
            stepNo++;
            steps.add(withUsage(step(StepKind.MODEL_TURN, StepStatus.FAILED, null), 5, 5));
        }

        TranscriptEntry summary(int coversSeq, String content) {
            stepNo++;
            steps.add(step(StepKind.COMPACTION, StepStatus.SUCCEEDED, null));
            return add(stepNo, TranscriptRole.SUMMARY, content, null, null, null, coversSeq);
        }

        TranscriptEntry latestAssistant() {
            return transcript.stream().filter(entry -> entry.role() == TranscriptRole.ASSISTANT)
                    .reduce((first, second) -> second).orElseThrow();
        }

        TranscriptEntry last() {
            return transcript.get(transcript.size() - 1);
        }

        private TranscriptEntry add(int step, TranscriptRole role, String content, String toolCalls,
                String toolCallId, String toolName) {
            return add(step, role, content, toolCalls, toolCallId, toolName, null);
        }

        private TranscriptEntry add(int step, TranscriptRole role, String content, String toolCalls,
                String toolCallId, String toolName, Integer coversSeq) {
            TranscriptEntry entry = new TranscriptEntry(UUID.randomUUID(), "run-1", transcript.size(), step, role,
                    content, toolCalls, toolCallId, toolName, Instant.EPOCH, coversSeq);
            transcript.add(entry);
            return entry;
        }

        private Step step(StepKind kind, StepStatus status, String toolCallId) {
            return new Step(UUID.randomUUID(), "run-1", stepNo, 1, kind, toolCallId == null ? null : "http_get",
                    toolCallId, status, null, null, null, Instant.EPOCH, Instant.EPOCH, "gpt-4o-mini", null, null);
        }
    }
}
