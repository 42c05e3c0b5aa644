package dev.gitblog.render.render;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs renders on a few daemon threads with a large stack (commonmark-java's renderer recurses once
 * per nesting level) and a time limit counted from the moment the render starts, so waiting behind
 * other renders does not count against it. A render that overruns is abandoned: its thread is
 * interrupted and finishes in the background (commonmark-java parses in linear time, so it does
 * finish), the caller gets a {@link RenderFailure} at once.
 */
final class RenderGuard implements AutoCloseable {

    private static final long QUEUE_WAIT_FACTOR = 6;

    private final ExecutorService pool;
    private final Duration timeout;

    RenderGuard(int workers, long stackBytes, Duration timeout) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(null, r, "markdown-render-" + n.incrementAndGet(), stackBytes);
                    t.setDaemon(true);
                    return t;
                });
        ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
        this.timeout = timeout;
    }

    <T> T run(Callable<T> task) throws RenderFailure {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Future<T> future = pool.submit(() -> {
            started.complete(null);
            return task.call();
        });
        try {
            started.get(timeout.toNanos() * QUEUE_WAIT_FACTOR, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new RenderFailure("the renderer is busy: no render thread became free within "
                    + timeout.multipliedBy(QUEUE_WAIT_FACTOR).toSeconds() + " s");
        } catch (InterruptedException e) {
            future.cancel(true);
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

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** Why a render produced no HTML, in the author's words. */
    static final class RenderFailure extends Exception {
        RenderFailure(String message) {
            super(message, null, false, false);
        }
    }
}
