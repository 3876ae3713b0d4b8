package dev.alfred.agents.run;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** {@code alfred.runs.*}: limits of the run loop. */
@ConfigurationProperties("alfred.runs")
public class RunnerSettings {
    /** Steps (model turns plus tool calls) a run may take before it fails. */
    private int maxSteps = 30;
    /** Attempts at one step before a transient failure fails the run. */
    private int maxAttemptsPerStep = 3;
    /** Times the same tool call with the same arguments may be made before the run asks its requester to go on. */
    private int loopGuardRepeats = 3;
    /**
     * How long a worker's claim on a run lasts without renewal. Renewed at every step and every third of this while a
     * step runs, so it bounds how long a killed worker's run waits before another worker may take it.
     */
    private Duration leaseDuration = Duration.ofMinutes(1);
    /**
     * This process's name in run leases ({@code runs.lease_owner}), e.g. the host name; a random {@code p-…} when
     * unset.
     */
    private String workerId;
    /** How often this process beats in the {@code workers} table while it runs. */
    private Duration heartbeatInterval = Duration.ofSeconds(1);
    /**
     * A process whose last beat is older than this is taken for dead: the runs it held are free at once. Three missed
     * beats by default; a process frozen longer than this (a long GC pause, SIGSTOP) loses its runs, and its next
     * commit is refused (the lease is a fence), so two processes never advance one run.
     */
    private Duration workerAlive = Duration.ofSeconds(3);

    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public Duration getWorkerAlive() {
        return workerAlive;
    }

    public void setWorkerAlive(Duration workerAlive) {
        this.workerAlive = workerAlive;
    }

    public int getMaxSteps() {
        return maxSteps;
    }

    public void setMaxSteps(int maxSteps) {
        this.maxSteps = maxSteps;
    }

    public int getMaxAttemptsPerStep() {
        return maxAttemptsPerStep;
    }

    public void setMaxAttemptsPerStep(int maxAttemptsPerStep) {
        this.maxAttemptsPerStep = maxAttemptsPerStep;
    }

    public Duration getLeaseDuration() {
        return leaseDuration;
    }

    public void setLeaseDuration(Duration leaseDuration) {
        this.leaseDuration = leaseDuration;
    }

    public int getLoopGuardRepeats() {
        return loopGuardRepeats;
    }

    public void setLoopGuardRepeats(int loopGuardRepeats) {
        this.loopGuardRepeats = loopGuardRepeats;
    }

    public String getWorkerId() {
        return workerId;
    }

    public void setWorkerId(String workerId) {
        this.workerId = workerId;
    }
}
