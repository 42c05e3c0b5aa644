package dev.gitblog.render.render;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a render on a thread of {@link RenderThreads} (large stack: commonmark-java's renderer recurses once per
 * nesting level) with a time limit counted from the moment the render starts, so waiting behind other renders
 * does not count against it. A render first waits for one of the render permits, at most
 * {@value #QUEUE_WAIT_FACTOR} times the limit. A render that overruns is abandoned: its thread is interrupted and
 * finishes in the background, keeping its permit until then (commonmark-java parses in linear time, so it does
 * finish); the caller gets a {@link RenderFailure} at once.
 */
final class RenderGuard {

    private static final long QUEUE_WAIT_FACTOR = 6;

    private final RenderThreads threads;
    private final Duration timeout;

    RenderGuard(RenderThreads threads, Duration timeout) {
        this.threads = threads;
        this.timeout = timeout;
    }

    <T> T run(Callable<T> task) throws RenderFailure {
        Semaphore permits = threads.renderPermits();
        long queueWait = timeout.toNanos() * QUEUE_WAIT_FACTOR;
        try {
            if (!permits.tryAcquire(queueWait, TimeUnit.NANOSECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderFailure("interrupted while waiting for a render thread");
        }
        // whoever claims the render first owns the permit: the task when it starts, or this thread if it gives
        // up before the task started
        AtomicBoolean claimed = new AtomicBoolean();
        CompletableFuture<Void> started = new CompletableFuture<>();
        FutureTask<T> future = new FutureTask<>(() -> {
            if (!claimed.compareAndSet(false, true)) {
                return null;
            }
            try {
                started.complete(null);
                return task.call();
            } finally {
                permits.release();
            }
        });
        try {
            threads.renderExecutor().execute(future);
        } catch (RejectedExecutionException e) {
            permits.release();
            throw new RenderFailure("the renderer is shutting down");
        }
        try {
            // a permit means a free thread, so this is only a safeguard
            started.get(queueWait, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandon(future, claimed, permits);
            throw busy();
        } catch (InterruptedException e) {
            abandon(future, claimed, permits);
            Thread.currentThread().interrupt();
            throw new RenderFailure("interrupted while waiting for a render thread");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e); // never: 'started' completes normally or not at all
        }
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new RenderFailure("rendering took longer than the limit of " + describe(timeout));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new RenderFailure("interrupted while rendering");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RenderFailure failure) {
                throw failure;
            }
            if (cause instanceof StackOverflowError) {
                throw new RenderFailure("the document is nested too deeply to render");
            }
            if (cause instanceof OutOfMemoryError) {
                throw new RenderFailure("the document needs more memory to render than is available");
            }
            throw new RenderFailure("the renderer failed: " + cause);
        }
    }

    /** Gives up a render that has not started yet (if it has, it releases its permit when it ends). */
    private static void abandon(FutureTask<?> future, AtomicBoolean claimed, Semaphore permits) {
        if (claimed.compareAndSet(false, true)) {
            permits.release();
        }
        future.cancel(true);
    }

    private RenderFailure busy() {
        return new RenderFailure("the renderer is busy: no render thread became free within "
                + timeout.multipliedBy(QUEUE_WAIT_FACTOR).toSeconds() + " s");
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Why a render produced no HTML, in the author's words. */
    static final class RenderFailure extends Exception {
        RenderFailure(String message) {
            super(message, null, false, false);
        }
    }
}
