package dev.gitblog.content.ingest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoalescingRunnerTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static void awaitIdle(CoalescingRunner runner, long expectedRuns) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(runner.idle() && runner.runs() >= expectedRuns)) {
            assertTrue(System.nanoTime() < deadline, "runner did not settle, runs=" + runner.runs());
            Thread.onSpinWait();
        }
    }

    @Test
    void aBurstWhileRunningCostsOneMoreRunAfterTheBurst() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong clock = new AtomicLong();
        List<Long> runStarts = new CopyOnWriteArrayList<>();
        CoalescingRunner[] runner = new CoalescingRunner[1];
        runner[0] = new CoalescingRunner(executor, () -> {
            runStarts.add(clock.get());
            firstStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Duration.ZERO, clock::get);

        runner[0].request();
        assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
        for (int i = 1; i <= 19; i++) {
            clock.set(i);
            runner[0].request();
        }
        release.countDown();
        awaitIdle(runner[0], 2);
        assertEquals(2, runner[0].runs(), "20 requests, one during idle: at most two runs");
        assertEquals(List.of(0L, 19L), runStarts, "the second run starts after the last request of the burst");
    }

    @Test
    void theSecondRunWaitsForTheQuietPeriod() throws Exception {
        AtomicLong clock = new AtomicLong(0);
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Long> runStarts = new CopyOnWriteArrayList<>();
        CoalescingRunner runner = new CoalescingRunner(executor, () -> {
            runStarts.add(clock.get());
            firstStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Duration.ofNanos(1_000), clock::get);
        runner.request();
        assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
        clock.set(500);
        runner.request();
        clock.set(600); // the first run ends 100 ns after the last request: the rerun must wait
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!runner.waiting()) {
            assertTrue(System.nanoTime() < deadline, "rerun never started waiting");
            Thread.onSpinWait();
        }
        assertEquals(1, runner.runs(), "no second run inside the quiet period");
        clock.set(2_000);
        awaitIdle(runner, 2);
        assertEquals(List.of(0L, 2_000L), runStarts);
    }

    @Test
    void requestsWhileIdleRunEachTime() throws Exception {
        AtomicLong count = new AtomicLong();
        CoalescingRunner runner = new CoalescingRunner(executor, count::incrementAndGet, Duration.ZERO);
        for (int i = 1; i <= 3; i++) {
            runner.request();
            awaitIdle(runner, i);
        }
        assertEquals(3, count.get());
    }

    @Test
    void aThrowingTaskDoesNotWedgeTheRunner() throws Exception {
        AtomicLong count = new AtomicLong();
        CoalescingRunner runner = new CoalescingRunner(executor, () -> {
            count.incrementAndGet();
            throw new IllegalStateException("boom");
        }, Duration.ZERO);
        runner.request();
        awaitIdle(runner, 1);
        runner.request();
        awaitIdle(runner, 2);
        assertEquals(2, count.get());
    }
}
