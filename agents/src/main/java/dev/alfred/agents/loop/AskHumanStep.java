package dev.alfred.agents.loop;

import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.Step;
import dev.alfred.agents.tools.ToolCall;
import dev.alfred.agents.tools.ToolResult;
import jakarta.inject.Singleton;

/** {@code ask_human}: the question goes to the run's thread and the run parks until the requester answers. */
@Singleton
public class AskHumanStep {
    private final ToolCallStep calls;
    private final StepCommitter committer;
    private final Parking parking;

    public AskHumanStep(ToolCallStep calls, StepCommitter committer, Parking parking) {
        this.calls = calls;
        this.committer = committer;
        this.parking = parking;
    }

    /** @return true when the run parked waiting for a reply */
    public boolean take(Run run, ToolCall call) {
        Step step = calls.begin(run, call);
        String question = call.argument("question");
        if (question == null || question.isBlank()) {
            committer.toolResult(run, step, call, ToolResult.error("ask_human needs a non-empty \"question\""));
            return false;
        }
        return parking.forReply(run, step, question);
    }
}
