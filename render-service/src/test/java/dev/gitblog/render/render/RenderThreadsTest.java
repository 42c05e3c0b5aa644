package dev.gitblog.render.render;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The service's one executor: the entry lane, render permits and a render abandoned at its limit. */
class RenderThreadsTest {

    /** Only against a hang of the code under test; nothing here waits for time to pass. */
    private static final Duration HANG_GUARD = Duration.ofMinutes(2);

    @Test
    void aLaneRunsItsTasksOneAtATimeInOrder() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            try (RenderThreads threads = new RenderThreads(2, 1 << 20)) {
                RenderThreads.Lane lane = threads.lane();
                List<Integer> order = new ArrayList<>();
                AtomicInteger running = new AtomicInteger();
                AtomicInteger mostAtOnce = new AtomicInteger();
                CountDownLatch firstMayEnd = new CountDownLatch(1);
                CompletableFuture<Void> last = new CompletableFuture<>();
                for (int i = 0; i < 50; i++) {
                    int n = i;
                    lane.execute(() -> {
                        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                        if (n == 0) {
                            awaitUninterruptibly(firstMayEnd); // the others are queued behind it meanwhile
                        }
                        order.add(n);
                        running.decrementAndGet();
                        if (n == 49) {
                            last.complete(null);
                        }
                    });
                }
                firstMayEnd.countDown();
                last.get();
                assertEquals(1, mostAtOnce.get());
                assertEquals(50, order.size());
                for (int i = 0; i < 50; i++) {
                    assertEquals(i, order.get(i));
                }
            }
        });
    }

    @Test
    void aRenderOverItsLimitFailsAtOnceKeepsItsPermitAndTheLaneGoesOn() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            try (RenderThreads threads = new RenderThreads(1, 1 << 20)) {
                RenderGuard hasty = new RenderGuard(threads, Duration.ofMillis(20));
                CountDownLatch stuckMayEnd = new CountDownLatch(1);
                CountDownLatch stuckEnded = new CountDownLatch(1);
                RenderThreads.Lane lane = threads.lane();

                CompletableFuture<String> firstEntry = new CompletableFuture<>();
                lane.execute(() -> {
                    try {
                        hasty.run(() -> {
                            awaitUninterruptibly(stuckMayEnd); // a render that ignores its interruption
                            stuckEnded.countDown();
                            return "late";
                        });
                        firstEntry.complete("rendered");
                    } catch (RenderGuard.RenderFailure e) {
                        firstEntry.complete(e.getMessage());
                    }
                });
                CompletableFuture<Integer> nextEntry = new CompletableFuture<>();
                lane.execute(() -> nextEntry.complete(threads.renderPermits().availablePermits()));

                assertEquals("rendering took longer than the limit of 20 ms", firstEntry.get());
                assertEquals(0, nextEntry.get(), "the lane went on while the abandoned render holds the permit");

                stuckMayEnd.countDown();
                stuckEnded.await();
                RenderGuard patient = new RenderGuard(threads, Duration.ofMinutes(1));
                assertEquals("ok", patient.run(() -> "ok"), "the permit is back once the render ended");
            }
        });
    }

    @Test
    void aClosedLaneRefusesTasks() {
        try (RenderThreads threads = new RenderThreads(1, 1 << 20)) {
            RenderThreads.Lane lane = threads.lane();
            lane.close();
            assertThrows(java.util.concurrent.RejectedExecutionException.class, () -> lane.execute(() -> { }));
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
