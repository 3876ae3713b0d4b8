package dev.alfred.agents.loop;

import dev.alfred.agents.run.Step;

/**
 * Called by the runner right after a step is committed. The default does nothing; tests replace it to kill a job
 * at a checkpoint and prove that the retry resumes from there.
 */
public interface StepObserver {

    /** Called after {@code step} and its transcript entry are committed. */
    void afterCommit(Step step);
}
