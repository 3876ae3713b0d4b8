package dev.alfred.agents.loop;

import dev.alfred.agents.fleet.ProviderBlocks;
import dev.alfred.agents.model.ModelCalls;
import dev.alfred.agents.model.ModelErrors;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.RunnerSettings;
import dev.alfred.agents.run.Step;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failed model call does to its step and run: a rate limit blocks the fleet and parks the run; a transient
 * failure retries the step (the job is retried, up to {@code alfred.runs.max-attempts-per-step} attempts); anything
 * else fails the run with the provider's reason. A call interrupted because this process is stopping records nothing:
 * the step is left for the next process, as after a crash.
 */
@Singleton
public class ModelFailures {
    private static final Logger LOG = LoggerFactory.getLogger(ModelFailures.class);

    private final RunStore store;
    private final ProviderBlocks providerBlocks;
    private final ModelCalls models;
    private final Parking parking;
    private final RunEnding ending;
    private final RunnerSettings settings;
    private final Clock clock;

    public ModelFailures(RunStore store, ProviderBlocks providerBlocks, ModelCalls models, Parking parking,
            RunEnding ending, RunnerSettings settings, Clock clock) {
        this.store = store;
        this.providerBlocks = providerBlocks;
        this.models = models;
        this.parking = parking;
        this.ending = ending;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @return true when the run is parked or ended
     * @throws TransientStepException when the step should be tried again later
     */
    public boolean failed(Run run, Step step, RuntimeException e) {
        if (interrupted(e)) {
            // Only a stopping process interrupts its workers (RunQueue and JobRunr shut down): the call was cut short,
            // not failed. Nothing is recorded, as after a crash; the next process takes the step again once this
            // one's leases are given back or its heartbeat stops.
            LOG.info("run {} step {}: the model call was interrupted by this process's stop; left for the next "
                    + "process", run.id(), step.stepNo());
            throw new TransientStepException("interrupted by the process's stop", e);
        }
        String reason = ModelErrors.describe(e);
        store.failStep(step, reason);
        if (ModelErrors.isRateLimit(e)) {
            return parking.blocked(run, providerBlocks.block(clock.instant().plus(models.blockFor(e)), reason));
        }
        if (ModelErrors.isTransient(e) && step.attempt() < settings.getMaxAttemptsPerStep()) {
            LOG.warn("run {} step {} attempt {} failed, will retry: {}", run.id(), step.stepNo(), step.attempt(),
                    reason);
            throw new TransientStepException("model call failed: " + reason, e);
        }
        LOG.warn("run {} failed at step {}: {}", run.id(), step.stepNo(), reason, e);
        ending.fail(run, "the model call failed: " + reason);
        return true;
    }

    private static boolean interrupted(Throwable e) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }
}
