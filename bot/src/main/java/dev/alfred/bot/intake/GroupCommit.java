package dev.alfred.bot.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Writes that arrive at the same moment share one transaction: a group commit. The caller that finds no write under
 * way becomes the writer: it writes its item together with every item queued while the previous write lasted (oldest
 * first, at most {@code maxBatch} of them besides its own) in one transaction and wakes the others, who wait for that
 * commit; a lone caller writes at once, alone, on its own thread. Under a burst each write pays a share of one commit
 * instead of a commit of its own: on H2 a commit writes every page changed since the last one, on PostgreSQL it is a
 * round trip and a WAL flush (issue 22's ack benchmark, {@code docs/benchmarks.md}).
 *
 * <p>It pays only when the writer writes a batch in about the time of one item (one JDBC batch, say): the writer's
 * thread does the whole batch's work while the others wait, so statements issued one item at a time are serialised
 * onto one thread and one connection. Measured: a task's run (four statements through the repositories) grouped so
 * made the ack benchmark's {@code /alfred task} slower (p50 21 → 42 ms on PostgreSQL, 31 → 39 ms on H2), though each
 * ack's own CPU fell; so runs are not grouped.
 *
 * <p>If a shared write fails (the writer throws, having committed nothing), each of its items is written again on its
 * own caller's thread, alone, so that one item cannot refuse another, unless the failure is not one item's doing
 * (the constructor's predicate); a lone write's failure is thrown to its caller.
 * The writer runs on whichever caller's thread leads, so it must not rely on the caller's thread (a transaction the
 * caller has open, say): call {@link #write} outside any transaction. A caller interrupted while it waits goes on
 * waiting (a write lasts milliseconds), writes if its turn comes, and returns with its interrupt status set again
 * (not during the write: an interrupted thread's file or socket I/O fails).
 *
 * @param <E> what is written
 * @param <R> what the write tells its caller, e.g. whether the item was new
 */
public final class GroupCommit<E, R> {
    /** Writes a batch. */
    @FunctionalInterface
    public interface Writer<E, R> {
        /**
         * Writes {@code batch} in one transaction and commits it.
         *
         * @return one result for each item, in the batch's order
         * @throws RuntimeException when the transaction failed: nothing of it is committed
         */
        List<R> write(List<E> batch);
    }

    private final Writer<E, R> writer;
    private final int maxBatch;
    private final Predicate<RuntimeException> itemsMayDiffer;
    /** Items waiting for a write, oldest first; its monitor guards {@link #writing} and every {@link Pending}. */
    private final List<Pending<E, R>> queue = new ArrayList<>();
    private boolean writing;

    /**
     * @param maxBatch       most queued items a writer takes (besides its own) into one transaction, at least 1
     * @param itemsMayDiffer whether a shared write's failure may be one item's doing, so that each is written again
     *                       alone; false hands the failure to every caller at once (the database unreachable, say:
     *                       writing again alone would only make each caller wait as long again)
     */
    public GroupCommit(Writer<E, R> writer, int maxBatch, Predicate<RuntimeException> itemsMayDiffer) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
        }
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.itemsMayDiffer = itemsMayDiffer;
    }

    /**
     * Writes {@code item}, committed when this returns, in a transaction it may share with items written concurrently.
     *
     * @return the writer's result for the item
     * @throws RuntimeException what the writer threw for the item written alone
     */
    public R write(E item) {
        Pending<E, R> mine = new Pending<>(item);
        List<Pending<E, R>> batch = null;
        boolean interrupted = false;
        synchronized (queue) {
            queue.add(mine);
            while (writing && !mine.done) {
                try {
                    queue.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (!mine.done) {
                writing = true;
                int size = Math.min(queue.size(), maxBatch);
                batch = new ArrayList<>(queue.subList(0, size));
                queue.subList(0, size).clear();
                if (!batch.contains(mine)) {
                    batch.add(mine);
                    queue.remove(mine);
                }
            }
        }
        try {
            if (batch != null) {
                lead(batch);
            }
            if (mine.alone) {
                List<R> alone = writer.write(List.of(item));
                if (alone.size() != 1) {
                    throw new IllegalStateException("the writer returned " + alone.size() + " results for 1 item");
                }
                return alone.get(0);
            }
            if (mine.failure != null) {
                throw mine.failure;
            }
            return mine.result;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Writes {@code batch} on this thread and hands each waiting caller its result. */
    private void lead(List<Pending<E, R>> batch) {
        List<R> results = null;
        RuntimeException failure = null;
        try {
            results = writer.write(batch.stream().map(pending -> pending.item).toList());
            if (results.size() != batch.size()) {
                throw new IllegalStateException("the writer returned " + results.size() + " results for "
                        + batch.size() + " items");
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            synchronized (queue) {
                writing = false;
                for (int i = 0; i < batch.size(); i++) {
                    Pending<E, R> pending = batch.get(i);
                    if (failure == null && results != null) {
                        pending.result = results.get(i);
                    } else if (batch.size() > 1 && (failure == null || itemsMayDiffer.test(failure))) {
                        pending.alone = true;
                    } else {
                        pending.failure = failure != null ? failure
                                : new IllegalStateException("the write did not finish");
                    }
                    pending.done = true;
                }
                queue.notifyAll();
            }
        }
    }

    /** @return how many items wait for a write under way (for tests) */
    public int waiting() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** An item and, once {@code done}, what became of it; fields guarded by the queue's monitor until then. */
    private static final class Pending<E, R> {
        final E item;
        boolean done;
        boolean alone;
        R result;
        RuntimeException failure;

        Pending(E item) {
            this.item = item;
        }
    }
}
