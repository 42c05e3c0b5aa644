package dev.gitblog.render.render;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one executor of render-service: every thread the service starts itself is one of its threads
 * (render-service/README.md, "Threads"). Quarkus, Vert.x and the Kafka clients own all the others.
 *
 * <p>Its threads are daemon threads named {@code render-thread-N}, each with the large stack commonmark-java's
 * renderer needs (it recurses once per nesting level); there are at most {@code renders} + {@link #SERVICE_TASKS}
 * of them, and a thread idle for 30 s ends, so an idle service holds none. They run:
 * <ul>
 *   <li>renders ({@link RenderGuard}): at most {@code renders} at a time, each holding a render permit until it
 *       really ends; a render abandoned at its time limit keeps its permit until it finishes in the
 *       background;</li>
 *   <li>the entry lane ({@link #lane()}): the handling of {@code content.entries}, one entry after the other;</li>
 *   <li>delayed tasks ({@link #schedule}): the activity log's line after a quiet spell, the retries of the
 *       start-up read of {@code render.fragments};</li>
 *   <li>that start-up read itself ({@link #execute}).</li>
 * </ul>
 * As renders never occupy more than {@code renders} threads, the lane and the other tasks always find one: a
 * render that overruns its limit takes a render permit for a while, never the channel's thread.
 */
public final class RenderThreads implements AutoCloseable {

    /** Threads beyond the render permits: the entry lane, the start-up read and one delayed task. */
    public static final int SERVICE_TASKS = 3;

    private static final long IDLE_SECONDS = 30;

    private final ScheduledThreadPoolExecutor pool;
    private final Semaphore renderPermits;

    /**
     * @param renders    renders at a time ({@code blog.render.workers})
     * @param stackBytes stack size of every thread ({@code blog.render.stack-bytes})
     */
    public RenderThreads(int renders, long stackBytes) {
        if (renders < 1 || stackBytes < 1) {
            throw new IllegalArgumentException("renders and stack size must be positive: " + renders + ", "
                    + stackBytes);
        }
        AtomicInteger n = new AtomicInteger();
        this.pool = new ScheduledThreadPoolExecutor(renders + SERVICE_TASKS, r -> {
            Thread t = new Thread(null, r, "render-thread-" + n.incrementAndGet(), stackBytes);
            t.setDaemon(true);
            return t;
        });
        pool.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        pool.allowCoreThreadTimeOut(true);
        pool.setRemoveOnCancelPolicy(true);
        this.renderPermits = new Semaphore(renders, true);
    }

    /**
     * A new lane: tasks given to it run one at a time, in the order given, on this executor's threads (each
     * sees what the previous one did). {@link Lane#close()} drops what has not started.
     */
    public Lane lane() {
        return new Lane(pool);
    }

    /** Runs {@code task} once, after {@code delay}. */
    public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return pool.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} once, now (for the service's own long tasks, not for renders). */
    public void execute(Runnable task) {
        pool.execute(task);
    }

    /** The permits that bound renders (only {@link RenderGuard} takes them). */
    Semaphore renderPermits() {
        return renderPermits;
    }

    /** Where {@link RenderGuard} runs a render, once it holds a permit. */
    Executor renderExecutor() {
        return pool;
    }

    /** Interrupts what runs and drops what waits. */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** Tasks run one after the other on the executor's threads. */
    public static final class Lane implements Executor {

        private final Executor threads;
        private final Deque<Runnable> waiting = new ArrayDeque<>();
        private Runnable running;
        private boolean closed;

        private Lane(Executor threads) {
            this.threads = threads;
        }

        @Override
        public synchronized void execute(Runnable task) {
            if (closed) {
                throw new RejectedExecutionException("the lane is closed");
            }
            waiting.addLast(() -> {
                try {
                    task.run();
                } finally {
                    next();
                }
            });
            if (running == null) {
                next();
            }
        }

        private synchronized void next() {
            running = closed ? null : waiting.pollFirst();
            if (running != null) {
                try {
                    threads.execute(running);
                } catch (RejectedExecutionException e) { // the executor is shut down: so is the lane
                    running = null;
                    closed = true;
                    waiting.clear();
                    throw e;
                }
            }
        }

        /** Drops the tasks that have not started and refuses new ones. */
        public synchronized void close() {
            closed = true;
            waiting.clear();
        }
    }
}
