package dev.gitblog.events;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gives memory back after work. While a service handles a big push (a whole history: thousands of entries at
 * once) its heap grows towards its cap, and with the serial collector the services run with
 * (deploy/local/run.sh) it stays that size until the next full collection, which an idle service may not have
 * for days: its RSS stays at the burst's peak. After a burst of at least {@link #THRESHOLD} records, one full
 * collection compacts what is live and the heap shrinks to it plus the free share the JVM is started with
 * ({@code -XX:MaxHeapFreeRatio}, 30 % in run.sh). docs/PIPELINE.md, "The JVMs in a burst", gives the effect.
 * <p>
 * After any work, big or small, the C heap is trimmed ({@link #trimNativeHeap()}): what native code freed
 * (zlib's state for each gzipped page, buffers of the Kafka clients) otherwise stays in the process's malloc
 * arenas until the JVM's own periodic trim, a minute later.
 * <p>
 * Both run one second after the call, not on the caller's stack: what the burst's own frames still hold (a plan
 * of 5,000 entries, the documents just written) is garbage by then. Calls within that second share one run.
 * The cost of the collection is one pause of a few hundred milliseconds for a 256 MB serial heap, and small
 * pushes never pay it; a trim takes a few milliseconds. {@code -XX:+DisableExplicitGC} turns the collection off.
 */
public final class BurstMemory {

    /** Records in one burst from which the heap is compacted afterwards; a single edit is far below. */
    public static final int THRESHOLD = 500;

    private static final Executor ONE_SECOND_LATER = CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS);
    private static final AtomicBoolean PENDING = new AtomicBoolean();
    private static final AtomicBoolean COLLECT = new AtomicBoolean();

    private BurstMemory() {
    }

    /**
     * Call when a burst of {@code records} records is done: a second later the C heap is trimmed, after a full
     * collection when the burst had at least {@link #THRESHOLD} records; true when that collection is (or was)
     * asked for.
     */
    public static boolean afterBurst(long records) {
        return afterBurst(records, ONE_SECOND_LATER);
    }

    /** As {@link #afterBurst(long)}, the collection and the trim run by {@code later}. */
    static boolean afterBurst(long records, Executor later) {
        boolean collect = records >= THRESHOLD;
        if (collect) {
            COLLECT.set(true);
        }
        if (PENDING.compareAndSet(false, true)) {
            later.execute(BurstMemory::settle);
        }
        return collect;
    }

    private static void settle() {
        PENDING.set(false);
        if (COLLECT.getAndSet(false)) {
            System.gc();
        }
        trimNativeHeap();
    }

    /**
     * Returns the free memory of the C heap to the system ({@code jcmd PID System.trim_native_heap}, on JDK 17.0.9
     * and later on glibc); false when this JVM cannot.
     */
    static boolean trimNativeHeap() {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap",
                    new Object[]{new String[0]}, new String[]{String[].class.getName()});
            return true;
        } catch (JMException | RuntimeException e) {
            return false;
        }
    }
}
