package dev.gitblog.events;

/**
 * Gives the heap back after a burst of work. While a service handles a big push (a whole history: thousands
 * of entries at once) its heap grows towards its cap, and with the serial collector the services run with
 * (deploy/local/run.sh, the Kubernetes manifests) it stays that size until the next full collection, which an
 * idle service may not have for days: its RSS stays at the burst's peak. After a burst of at least
 * {@link #THRESHOLD} records, one full collection compacts what is live and the heap shrinks to it plus the
 * free share the JVM is started with ({@code -XX:MaxHeapFreeRatio}, 30 % in run.sh). docs/PIPELINE.md gives
 * the measured effect.
 * <p>
 * The cost is one pause (about 0.1-0.3 s for a 256 MB serial heap) right after the burst, on the thread that
 * finished it; small pushes never pay it. {@code -XX:+DisableExplicitGC} turns it off.
 */
public final class BurstMemory {

    /** Records in one burst from which the heap is compacted afterwards; a single edit is far below. */
    public static final int THRESHOLD = 500;

    private BurstMemory() {
    }

    /** Call when a burst of {@code records} records is done; true when it asked for a full collection. */
    public static boolean afterBurst(long records) {
        if (records < THRESHOLD) {
            return false;
        }
        System.gc();
        return true;
    }
}
