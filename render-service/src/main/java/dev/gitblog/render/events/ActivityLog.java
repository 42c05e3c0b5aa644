package dev.gitblog.render.events;

import org.jboss.logging.Logger;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One INFO line per burst of work instead of one per article: counts what the processor did and
 * writes "published 27 fragments (1 error), removed 2, 5 unchanged in 1840 ms" once no entry has
 * arrived for {@link #QUIET_MS} ms.
 */
final class ActivityLog implements AutoCloseable {

    enum Kind { RENDERED, ERROR, REMOVED, UNCHANGED }

    static final long QUIET_MS = 1500;

    private final Logger log;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "render-activity-log");
        t.setDaemon(true);
        return t;
    });
    private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    private long firstNanos;
    private long lastNanos;
    private ScheduledFuture<?> pending;

    ActivityLog(Logger log) {
        this.log = log;
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
        pending = timer.schedule(this::flush, QUIET_MS, TimeUnit.MILLISECONDS);
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
    }

    @Override
    public void close() {
        flush();
        timer.shutdownNow();
    }
}
