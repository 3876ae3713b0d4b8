package dev.alfred.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link RunQueue}'s fast-pickup pool: a burst of runs far larger than its threads waits for them, in order of
 * arrival, rather than being left to the job server's queue (issue 22: a burst of 1,000 mentions overflowed the
 * 256 places it had, and runs left over to the job server sat {@code QUEUED} for over 3 minutes).
 */
class RunQueueTest {
    @Test
    void aBurstOfRunsWaitsForTheFastPickupThreads() throws Exception {
        ThreadPoolExecutor pool = RunQueue.fastPickup(1);
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        AtomicInteger advanced = new AtomicInteger();
        AtomicReference<Thread> thread = new AtomicReference<>();
        try {
            pool.execute(() -> {
                thread.set(Thread.currentThread());
                await(firstMayEnd);
                advanced.incrementAndGet();
            });
            for (int i = 0; i < RunQueue.WAITING; i++) {
                pool.execute(advanced::incrementAndGet);
            }
            assertThat(pool.getQueue()).hasSize(RunQueue.WAITING);
            assertThatThrownBy(() -> pool.execute(advanced::incrementAndGet))
                    .as("one run more than the pool holds is left to the job server")
                    .isInstanceOf(RejectedExecutionException.class);

            firstMayEnd.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(advanced).hasValue(RunQueue.WAITING + 1);
            assertThat(thread.get().getName()).startsWith("alfred-fast-pickup");
            assertThat(thread.get().getPriority()).as("below the threads that acknowledge requests")
                    .isEqualTo(BackgroundThreads.PRIORITY);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
