package dev.alfred.agents.run;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import java.util.Optional;

/** Work that must wait for the caller's transaction to commit (waking a job that reads what it wrote). */
public final class AfterCommit {
    private AfterCommit() {
    }

    /**
     * Runs {@code work} after the current transaction commits (not at all when it rolls back), or now when there is
     * no transaction.
     */
    public static void run(TransactionOperations<?> transactions, Runnable work) {
        Optional<? extends TransactionStatus<?>> transaction = transactions.findTransactionStatus();
        if (transaction.isEmpty()) {
            work.run();
            return;
        }
        transaction.get().registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                work.run();
            }
        });
    }
}
