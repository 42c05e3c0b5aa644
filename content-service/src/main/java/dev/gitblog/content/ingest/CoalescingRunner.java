package dev.gitblog.content.ingest;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs one task on one executor thread, coalescing requests: a request while the task is idle starts it at
 * once; requests while it runs (or waits) mark one more run, which starts only after the task finished and no
 * request came for the quiet period. A burst of hooks therefore costs at most two runs: the one it started,
 * and one after the burst.
 */
public final class CoalescingRunner {

    private static final Logger LOG = Logger.getLogger(CoalescingRunner.class);

    private enum State { IDLE, RUNNING, WAITING }

    private final ScheduledExecutorService executor;
    private final Runnable task;
    private final long quietNanos;
    private final LongSupplier clock;

    private State state = State.IDLE;
    private boolean rerun;
    private long lastRequest;
    private long runs;

    public CoalescingRunner(ScheduledExecutorService executor, Runnable task, Duration quietPeriod) {
        this(executor, task, quietPeriod, System::nanoTime);
    }

    CoalescingRunner(ScheduledExecutorService executor, Runnable task, Duration quietPeriod, LongSupplier clock) {
        this.executor = executor;
        this.task = task;
        this.quietNanos = quietPeriod.toNanos();
        this.clock = clock;
    }

    /** Ask for a run. Never blocks. */
    public synchronized void request() {
        lastRequest = clock.getAsLong();
        if (state == State.IDLE) {
            state = State.RUNNING;
            executor.execute(this::run);
        } else {
            rerun = true;
        }
    }

    /** Ask for a run after a delay (retry with backoff). */
    public void requestAfter(Duration delay) {
        executor.schedule(this::request, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many times the task ran. */
    public synchronized long runs() {
        return runs;
    }

    /** True when the task neither runs nor waits to run. */
    public synchronized boolean idle() {
        return state == State.IDLE;
    }

    /** True while a rerun waits for the quiet period. */
    synchronized boolean waiting() {
        return state == State.WAITING;
    }

    private void run() {
        synchronized (this) {
            rerun = false;
            state = State.RUNNING;
            runs++;
        }
        try {
            task.run();
        } catch (Throwable t) {
            LOG.error("ingest run failed unexpectedly", t);
        }
        afterRun();
    }

    private void afterRun() {
        synchronized (this) {
            if (!rerun) {
                state = State.IDLE;
                return;
            }
            long wait = quietNanos - (clock.getAsLong() - lastRequest);
            if (wait > 0) {
                state = State.WAITING;
                executor.schedule(this::afterRun, wait, TimeUnit.NANOSECONDS);
                return;
            }
            state = State.RUNNING;
        }
        executor.execute(this::run);
    }
}
