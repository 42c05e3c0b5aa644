package dev.gitblog.events;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gives the heap back after a burst of work. While a service handles a big push (a whole history: thousands
 * of entries at once) its heap grows towards its cap, and with the serial collector the services run with
 * (deploy/local/run.sh) it stays that size until the next full collection, which an idle service may not have
 * for days: its RSS stays at the burst's peak. After a burst of at least {@link #THRESHOLD} records, one full
 * collection compacts what is live and the heap shrinks to it plus the free share the JVM is started with
 * ({@code -XX:MaxHeapFreeRatio}, 30 % in run.sh). docs/PIPELINE.md, "The JVMs in a burst", gives the effect.
 * <p>
 * The collection runs one second after the call, not on the caller's stack: what the burst's own frames still
 * hold (a plan of 5,000 entries, the documents just written) is garbage by then. Bursts within that second share
 * one collection. The cost is one pause of a few hundred milliseconds for a 256 MB serial heap; small pushes
 * never pay it. {@code -XX:+DisableExplicitGC} turns it off.
 */
public final class BurstMemory {

    /** Records in one burst from which the heap is compacted afterwards; a single edit is far below. */
    public static final int THRESHOLD = 500;

    private static final Executor ONE_SECOND_LATER = CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS);
    private static final AtomicBoolean PENDING = new AtomicBoolean();

    private BurstMemory() {
    }

    /** Call when a burst of {@code records} records is done; true when a full collection is (or was) asked for. */
    public static boolean afterBurst(long records) {
        return afterBurst(records, ONE_SECOND_LATER);
    }

    /** As {@link #afterBurst(long)}, the collection run by {@code later}. */
    static boolean afterBurst(long records, Executor later) {
        if (records < THRESHOLD) {
            return false;
        }
        if (PENDING.compareAndSet(false, true)) {
            later.execute(() -> {
                PENDING.set(false);
                System.gc();
            });
        }
        return true;
    }
}
