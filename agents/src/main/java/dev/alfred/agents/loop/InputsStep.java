package dev.alfred.agents.loop;

import dev.alfred.agents.approvals.RunInbox;
import dev.alfred.agents.run.Run;
import jakarta.inject.Singleton;

/** People's messages in the thread that no question was waiting for join the transcript before the next turn. */
@Singleton
public class InputsStep {
    private final RunInbox inbox;

    public InputsStep(RunInbox inbox) {
        this.inbox = inbox;
    }

    /** @return false: the run goes on */
    public boolean take(Run run) {
        inbox.drainInputs(run);
        return false;
    }
}
