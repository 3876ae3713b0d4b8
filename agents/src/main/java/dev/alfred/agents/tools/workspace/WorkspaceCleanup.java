package dev.alfred.agents.tools.workspace;

import dev.alfred.agents.run.AfterCommit;
import dev.alfred.agents.run.RunEnded;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

/**
 * Removes a run's worktree once the run has ended and that end is committed (its branch stays in the cache, with
 * every commit the run made). A run that never checked anything out costs a look at the cache directories.
 */
@Singleton
public class WorkspaceCleanup {
    private final Workspaces workspaces;
    private final TransactionOperations<?> transactions;

    public WorkspaceCleanup(Workspaces workspaces, TransactionOperations<?> transactions) {
        this.workspaces = workspaces;
        this.transactions = transactions;
    }

    /** Removes the ended run's worktree after the commit. */
    @EventListener
    void onRunEnded(RunEnded event) {
        String runId = event.run().id();
        AfterCommit.run(transactions, () -> workspaces.remove(runId));
    }
}
