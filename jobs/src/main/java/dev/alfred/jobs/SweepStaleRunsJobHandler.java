package dev.alfred.jobs;

import dev.alfred.agents.run.RunLookups;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles {@link SweepStaleRunsJob}: every {@code QUEUED} or {@code RUNNING} run with no live lease and no change
 * for {@code alfred.runs.stale-after} (default 30 s) is woken. Waking is idempotent (the run's lease admits one
 * worker), so replicas sweeping together do no harm; a run whose steps keep failing ends after its per-step attempt
 * limit.
 */
@Singleton
public class SweepStaleRunsJobHandler implements JobRequestHandler<SweepStaleRunsJob> {
    private static final Logger LOG = LoggerFactory.getLogger(SweepStaleRunsJobHandler.class);

    private final RunLookups runs;
    private final RunQueue queue;
    private final Duration staleAfter;

    public SweepStaleRunsJobHandler(RunLookups runs, RunQueue queue,
            @Value("${alfred.runs.stale-after:30s}") Duration staleAfter) {
        this.runs = runs;
        this.queue = queue;
        this.staleAfter = staleAfter;
    }

    @Override
    @Job(name = "sweep stale runs", retries = 1)
    public void run(SweepStaleRunsJob job) {
        List<String> stale = runs.staleRunIds(staleAfter);
        for (String runId : stale) {
            LOG.info("run {} was not moving; waking it", runId);
            queue.wake(runId);
        }
    }
}
