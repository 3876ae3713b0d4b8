package dev.alfred.agents.events;

import dev.alfred.agents.catalog.AgentCatalog;
import dev.alfred.agents.catalog.AgentDefinition;
import dev.alfred.agents.run.AfterCommit;
import dev.alfred.agents.run.NewRun;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.run.RunWaker;
import dev.alfred.agents.run.RunnerSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts runs nobody typed (a schedule's firing, a webhook): records the run in the caller's transaction,
 * de-duplicated by delivery key, and wakes it once that transaction commits. The run's worker opens its thread (the
 * root message names the origin), so nothing here waits for Slack.
 */
@Singleton
public class RunStarts {
    private static final Logger LOG = LoggerFactory.getLogger(RunStarts.class);

    private final RunStore store;
    private final AgentCatalog agents;
    private final RunnerSettings settings;
    private final RunWaker waker;
    private final TransactionOperations<?> transactions;

    public RunStarts(RunStore store, AgentCatalog agents, RunnerSettings settings, RunWaker waker,
            TransactionOperations<?> transactions) {
        this.store = store;
        this.agents = agents;
        this.settings = settings;
        this.waker = waker;
        this.transactions = transactions;
    }

    /**
     * @param deliveryKey     de-duplication key, e.g. {@code schedule:<id>:<epoch second>}
     * @param agentName       codename of the agent to work the task
     * @param channelId       where the run's thread is opened
     * @param requesterUserId on whose behalf the run works (their policy and approvers apply)
     * @param origin          {@code RunOrigin} of the run
     * @return the new run, {@code QUEUED}; empty when the delivery was applied before
     * @throws IllegalArgumentException when no agent has that codename
     */
    public Optional<Run> start(String deliveryKey, String agentName, String task, @Nullable String teamId,
            String channelId, String requesterUserId, String origin) {
        AgentDefinition agent = agents.find(agentName).orElseThrow(() -> new IllegalArgumentException(
                "no agent is called " + agentName));
        Optional<Run> created = store.create(deliveryKey, new NewRun(agent.name(), task, teamId, channelId,
                requesterUserId, agent.systemPrompt(), agent.maxSteps() != null ? agent.maxSteps()
                        : settings.getMaxSteps(), agent.budgetUsd(), null, null, null, origin));
        created.ifPresent(run -> AfterCommit.run(transactions, () -> wake(run.id())));
        return created;
    }

    private void wake(String runId) {
        try {
            waker.wake(runId);
        } catch (RuntimeException e) {
            LOG.warn("run {} was recorded but could not be woken now ({}); the stale-run sweep will", runId,
                    e.toString());
        }
    }
}
