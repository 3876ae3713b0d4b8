package dev.alfred.agents.loop;

import static dev.alfred.agents.loop.SituationBuilder.aSituation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alfred.agents.approvals.StagedActionStatus;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.tools.ToolCall;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The planner as a table: given a situation, the step it plans. No database, no clock, no fakes needed. */
class StepPlannerTest {
    private static final ToolCall GET = new ToolCall("call_s2_0", "http_get", "{\"url\":\"https://status\"}");
    private static final ToolCall POST = new ToolCall("call_s2_0", "slack_post_message", "{\"text\":\"hi\"}");
    private static final ToolCall ASK = new ToolCall("call_s2_0", "ask_human", "{\"question\":\"Which region?\"}");
    private static final ToolCall DELEGATE = new ToolCall("call_s2_0", "delegate", "{\"agent\":\"oracle\"}");
    private static final ToolCall ISSUE = new ToolCall("call_s2_0", "github_create_issue", "{}");
    private static final ToolCall UNKNOWN = new ToolCall("call_s2_0", "no_such_tool", "{}");

    static Stream<Arguments> table() {
        return Stream.of(
                row("a run someone else moved stops", aSituation().status(RunStatus.WAITING_FOR_REPLY),
                        PlannedStep.Stop.class),
                row("a pause parks the run first", aSituation().paused().steps(20, 20), PlannedStep.Pause.class),
                row("the step limit fails the run", aSituation().steps(20, 20), PlannedStep.Fail.class),
                row("a fresh model turn", aSituation(), PlannedStep.ModelTurn.class),
                row("an answered call leads to a model turn", aSituation().modelCalled(GET).resultOf(GET),
                        PlannedStep.ModelTurn.class),
                row("a pending read call is called", aSituation().modelCalled(GET), PlannedStep.CallTool.class),
                row("the first of two pending calls, then the second",
                        aSituation().modelCalled(GET, new ToolCall("call_s2_1", "http_get", "{}")).resultOf(GET),
                        PlannedStep.CallTool.class),
                row("a staged call is taken up by what became of it",
                        aSituation().modelCalled(POST).staged(POST.toolCallId(), POST.toolName(),
                                StagedActionStatus.APPROVED), PlannedStep.Staged.class),
                row("an interrupted write is not repeated", aSituation().modelCalled(POST).interrupted(POST),
                        PlannedStep.InDoubt.class),
                row("an interrupted read is simply retried", aSituation().modelCalled(GET).interrupted(GET),
                        PlannedStep.CallTool.class),
                row("a tool outside the agent's list is refused", aSituation().modelCalled(ISSUE),
                        PlannedStep.Refuse.class),
                row("an unknown tool goes to the dispatcher, which says so", aSituation().modelCalled(UNKNOWN),
                        PlannedStep.CallTool.class),
                row("ask_human asks", aSituation().modelCalled(ASK), PlannedStep.AskHuman.class),
                row("delegate delegates", aSituation().modelCalled(DELEGATE), PlannedStep.Delegate.class),
                row("the third identical call trips the loop guard", repeated(3), PlannedStep.GuardTrip.class),
                row("two identical calls do not", repeated(2), PlannedStep.CallTool.class),
                row("an open loop-guard hold waits", hold(StagedActionStatus.PENDING), PlannedStep.GuardWait.class),
                row("an approved hold is released", hold(StagedActionStatus.APPROVED),
                        PlannedStep.GuardRelease.class),
                row("after the release the call proceeds", hold(StagedActionStatus.EXECUTED),
                        PlannedStep.CallTool.class),
                row("an unanswered hold fails the run", hold(StagedActionStatus.EXPIRED), PlannedStep.Fail.class),
                row("a refused hold stops the run", hold(StagedActionStatus.REJECTED),
                        PlannedStep.GuardStopped.class),
                row("people's messages join before the next turn", aSituation().inputsWaiting(2),
                        PlannedStep.TakeInputs.class),
                row("a pending call goes before people's messages", aSituation().modelCalled(GET).inputsWaiting(1),
                        PlannedStep.CallTool.class),
                row("no model fails the run", aSituation().noModel("no model is configured"),
                        PlannedStep.Fail.class),
                row("a provider block parks the run", aSituation().providerBlocked(), PlannedStep.Blocked.class),
                row("a pending call is still taken under a provider block", aSituation().modelCalled(GET)
                        .providerBlocked(), PlannedStep.CallTool.class),
                row("a prompt over 80% of the budget is compacted first", longRun().maxPromptTokens(1_000),
                        PlannedStep.Compact.class),
                row("the same run under a large budget takes its turn", longRun(), PlannedStep.ModelTurn.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void plansTheNextStep(String name, SituationBuilder given, Class<? extends PlannedStep> expected) {
        assertThat(StepPlanner.plan(given.build())).isInstanceOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void planningIsPure(String name, SituationBuilder given, Class<? extends PlannedStep> expected) {
        Situation situation = given.build();
        assertThat(StepPlanner.plan(situation)).isEqualTo(StepPlanner.plan(situation));
    }

    private static SituationBuilder repeated(int times) {
        SituationBuilder builder = aSituation();
        for (int i = 1; i < times; i++) {
            ToolCall earlier = new ToolCall("call_e" + i, GET.toolName(), GET.arguments());
            builder.modelCalled(earlier).resultOf(earlier);
        }
        return builder.modelCalled(GET);
    }

    private static SituationBuilder hold(StagedActionStatus status) {
        return repeated(3).staged(StagedAction.LOOP_CALL_PREFIX + GET.toolCallId(), StagedAction.CONTINUE_LOOP,
                status);
    }

    private static SituationBuilder longRun() {
        SituationBuilder builder = aSituation();
        for (int i = 0; i < 6; i++) {
            ToolCall call = new ToolCall("call_l" + i, "http_get", "{\"url\":\"https://status/" + i + "\"}");
            builder.modelCalled(call).resultOf(call);
        }
        return builder.modelSaid("x".repeat(4_000));
    }

    private static Arguments row(String name, SituationBuilder given, Class<? extends PlannedStep> expected) {
        return Arguments.of(name, given, expected);
    }
}
