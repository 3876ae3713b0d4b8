package dev.alfred.bot.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link GroupCommit}'s hand-over between callers, with a writer that records its batches: who writes, what is
 * grouped, what a caller gets when the shared write fails or when it is interrupted while it waits. The first write
 * is held until the others are queued, so what is grouped does not depend on timing. (On a real table:
 * {@link SlackInboxTest}.)
 */
class GroupCommitTest {
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    private final List<String> writerThreads = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstMayGo = new CountDownLatch(1);

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void aLoneCallerWritesOnItsOwnThread() {
        firstMayGo.countDown();
        GroupCommit<Integer, String> commit = new GroupCommit<>(this::write, 8, failure -> true);

        assertThat(commit.write(7)).isEqualTo("wrote 7");

        assertThat(batches).containsExactly(List.of(7));
        assertThat(writerThreads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void callersQueuedDuringAWriteShareTheNextOneAtMostMaxBatchBesidesTheWriter() throws Exception {
        GroupCommit<Integer, String> commit = new GroupCommit<>(this::write, 4, failure -> true);
        List<Future<String>> results = startHeld(commit, 7);

        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("wrote " + i);
        }
        assertThat(batches).hasSizeBetween(3, 4).first().isEqualTo(List.of(0));
        assertThat(batches.stream().skip(1)).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 5));
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(7);
    }

    @Test
    void aSharedWriteThatFailsIsWrittenAgainItemByItem() throws Exception {
        GroupCommit<Integer, String> commit = new GroupCommit<>(batch -> {
            if (batch.size() > 1) {
                batches.add(batch);
                throw new IllegalStateException("the shared write failed");
            }
            return write(batch);
        }, 8, failure -> true);
        List<Future<String>> results = startHeld(commit, 5);

        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("wrote " + i);
        }
        assertThat(batches).as("the held write, the failed shared one, then each alone").hasSize(6)
                .contains(List.of(0), List.of(1), List.of(2), List.of(3), List.of(4))
                .anySatisfy(batch -> assertThat(batch).containsExactlyInAnyOrder(1, 2, 3, 4));
    }

    @Test
    void aSharedWriteFailureNotOfAnyItemsDoingReachesEveryCallerWithoutAnotherWrite() throws Exception {
        GroupCommit<Integer, String> commit = new GroupCommit<>(batch -> {
            if (batch.size() > 1) {
                batches.add(batch);
                throw new IllegalStateException("unreachable");
            }
            return write(batch);
        }, 8, failure -> !"unreachable".equals(failure.getMessage()));
        List<Future<String>> results = startHeld(commit, 5);

        assertThat(results.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("wrote 0");
        for (Future<String> result : results.subList(1, 5)) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> result.get(10, TimeUnit.SECONDS)))
                    .hasRootCauseMessage("unreachable");
        }
        assertThat(batches).as("the held write and the failed shared one, no more").hasSize(2);
    }

    @Test
    void aLoneWritesFailureReachesItsCaller() {
        firstMayGo.countDown();
        GroupCommit<Integer, String> commit = new GroupCommit<>(batch -> {
            throw new IllegalStateException("database down");
        }, 8, failure -> true);

        assertThatThrownBy(() -> commit.write(1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("database down");
    }

    @Test
    void aCallerInterruptedWhileWaitingGetsItsResultWithItsInterruptStatus() throws Exception {
        GroupCommit<Integer, String> commit = new GroupCommit<>(this::write, 8, failure -> true);
        Future<String> first = callers.submit(() -> commit.write(0));
        awaitWriting();
        List<Boolean> interrupted = new CopyOnWriteArrayList<>();
        Thread waiter = new Thread(() -> {
            String result = commit.write(1);
            interrupted.add(Thread.currentThread().isInterrupted());
            interrupted.add("wrote 1".equals(result));
        });
        waiter.start();
        while (commit.waiting() < 1) {
            Thread.sleep(1);
        }
        waiter.interrupt();
        Thread.sleep(50);
        assertThat(waiter.isAlive()).as("still waiting for its write").isTrue();
        firstMayGo.countDown();
        waiter.join(10_000);

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("wrote 0");
        assertThat(interrupted).containsExactly(true, true);
    }

    /** Starts caller 0, holds its write until callers 1 to n-1 are queued behind it. */
    private List<Future<String>> startHeld(GroupCommit<Integer, String> commit, int n) throws Exception {
        List<Future<String>> results = new ArrayList<>();
        results.add(callers.submit(() -> commit.write(0)));
        awaitWriting();
        for (int i = 1; i < n; i++) {
            int item = i;
            results.add(callers.submit(() -> commit.write(item)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (commit.waiting() < n - 1 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(commit.waiting()).isEqualTo(n - 1);
        firstMayGo.countDown();
        return results;
    }

    private void awaitWriting() throws InterruptedException {
        while (writerThreads.isEmpty()) {
            Thread.sleep(1);
        }
    }

    private List<String> write(List<Integer> batch) {
        writerThreads.add(Thread.currentThread().getName());
        try {
            firstMayGo.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        batches.add(List.copyOf(batch));
        return batch.stream().map(item -> "wrote " + item).toList();
    }
}
