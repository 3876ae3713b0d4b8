package dev.alfred.agents.loop;

import dev.alfred.policies.Mentions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.tools.ToolCall;
import dev.alfred.policies.Approvers;
import dev.alfred.policies.PolicyDecision;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The loop guard's steps ({@link LoopGuard} counts): a tripped guard parks the run behind a hold that asks the
 * requester whether to go on; going on lets the call through policy as usual (it approves nothing else); stopping
 * ends the run cancelled.
 */
@Singleton
public class LoopGuardStep {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Approvals approvals;
    private final Parking parking;
    private final RunEnding ending;
    private final Mentions mentions;

    public LoopGuardStep(Approvals approvals, Parking parking, RunEnding ending, Mentions mentions) {
        this.mentions = mentions;
        this.approvals = approvals;
        this.parking = parking;
        this.ending = ending;
    }

    /** Stages the hold and parks behind it; @return true when parked */
    public boolean trip(Run run, ToolCall call, int repeats) {
        ObjectNode arguments = JSON.createObjectNode().put("tool", call.toolName())
                .put("arguments", call.argumentsOrEmpty()).put("repeats", repeats);
        StagedAction hold = approvals.stageHold(run, StagedAction.LOOP_CALL_PREFIX + call.toolCallId(),
                StagedAction.CONTINUE_LOOP, arguments.toString(), new PolicyDecision.RequireApproval("loop-guard",
                        Approvers.requesterOnly(), null), "The agent called " + call.toolName() + " " + repeats
                        + " times with the same arguments.");
        return parking.awaitDecision(run, hold);
    }

    /** Closes an approved hold, once; the call then proceeds. @return false: the run goes on */
    public boolean release(ToolCall call, StagedAction hold) {
        if (approvals.claimForExecution(hold)) {
            approvals.completeHold(hold, "loop.continued", mentions.user(hold.decidedBy())
                    + " let the run go on calling " + call.toolName() + " with the same arguments",
                    Map.of("actionId", hold.id(), "tool", call.toolName()));
        }
        return false;
    }

    /** Ends the run: the requester stopped it. @return true */
    public boolean stop(Run run, ToolCall call, StagedAction hold) {
        ending.end(run, new Gate.End(RunStatus.CANCELLED, mentions.user(hold.decidedBy()) + " stopped it after it "
                + "kept calling " + call.toolName() + " with the same arguments"));
        return true;
    }
}
