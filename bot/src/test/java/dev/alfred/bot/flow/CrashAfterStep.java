package dev.alfred.bot.flow;

import dev.alfred.agents.run.Step;
import dev.alfred.agents.loop.StepObserver;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Simulates a worker dying right after a step is committed: throws once out of the job, after the step numbered
 * {@code alfred.test.crash-after-step}. Present only in contexts that set that property.
 */
@Singleton
@Requires(property = "alfred.test.crash-after-step")
class CrashAfterStep implements StepObserver {
    private final int stepNo;
    private final AtomicBoolean crashed = new AtomicBoolean();

    CrashAfterStep(@Value("${alfred.test.crash-after-step}") int stepNo) {
        this.stepNo = stepNo;
    }

    @Override
    public void afterCommit(Step step) {
        if (step.stepNo() == stepNo && crashed.compareAndSet(false, true)) {
            throw new IllegalStateException("simulated worker crash after committing step " + stepNo);
        }
    }

    boolean hasCrashed() {
        return crashed.get();
    }
}
