package dev.gitblog.render.events;

import dev.gitblog.events.BurstMemory;
import dev.gitblog.render.render.RenderThreads;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;

/**
 * One INFO line per burst of work instead of one per article: counts what the processor did and
 * writes "published 27 fragments (1 error), removed 2, 5 unchanged in 1840 ms" once no entry has
 * arrived for {@link #QUIET_MS} ms. The delayed line is a task on the service's {@link RenderThreads}; after
 * a big burst it also gives the heap back ({@link BurstMemory}).
 */
final class ActivityLog implements AutoCloseable {

    enum Kind { RENDERED, ERROR, REMOVED, UNCHANGED }

    static final long QUIET_MS = 1500;

    private final Logger log;
    private final RenderThreads threads;
    private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    private long firstNanos;
    private long lastNanos;
    private ScheduledFuture<?> pending;

    ActivityLog(Logger log, RenderThreads threads) {
        this.log = log;
        this.threads = threads;
    }

    synchronized void add(Kind kind) {
        long now = System.nanoTime();
        if (counts.isEmpty()) {
            firstNanos = now;
        }
        lastNanos = now;
        counts.merge(kind, 1, Integer::sum);
        if (pending != null) {
            pending.cancel(false);
        }
        try {
            pending = threads.schedule(this::flush, Duration.ofMillis(QUIET_MS));
        } catch (RejectedExecutionException e) {
            pending = null; // shutting down: close() writes the line
        }
    }

    synchronized void flush() {
        if (counts.isEmpty()) {
            return;
        }
        int rendered = counts.getOrDefault(Kind.RENDERED, 0);
        int errors = counts.getOrDefault(Kind.ERROR, 0);
        int removed = counts.getOrDefault(Kind.REMOVED, 0);
        int unchanged = counts.getOrDefault(Kind.UNCHANGED, 0);
        log.infof("published %d fragments%s, removed %d, %d unchanged in %d ms", rendered + errors,
                errors == 0 ? "" : " (" + errors + (errors == 1 ? " error)" : " errors)"), removed, unchanged,
                (lastNanos - firstNanos) / 1_000_000);
        counts.clear();
        BurstMemory.afterBurst((long) rendered + errors + removed + unchanged);
    }

    /** Writes what is counted now; the pending delayed line is dropped. */
    @Override
    public synchronized void close() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        flush();
    }
}
