package dev.gitblog.events;

import com.sun.management.HotSpotDiagnosticMXBean;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives memory back after work. While a service handles a big push (a whole history: thousands of entries at
 * once) its heap grows towards its cap, and with the serial collector the services run with
 * (deploy/local/run.sh) it stays that size until the next full collection, which an idle service may not have
 * for days: its RSS stays at the burst's peak. After a burst of at least {@link #THRESHOLD} records, one full
 * collection compacts what is live and the heap shrinks to it plus {@value #SETTLED_FREE_PERCENT} % free
 * ({@link #collectTightly()}), whatever free share the JVM runs with otherwise (run.sh: 10-30 %, 30 % for
 * content-service and 60-70 % for render-service, so that what a burst promotes fits without a full collection
 * each time the old generation grows). docs/PIPELINE.md, "The JVMs in a burst", gives the effect.
 * <p>
 * While a burst arrives ({@link #burstAhead()} at start; {@link #arriving(int)} once {@link #THRESHOLD} records
 * came since the last settling), the heap keeps at least {@value #BURST_FREE_PERCENT} % free after each collection
 * instead of run.sh's 10 %: a burst promotes tens of megabytes of records that are still in use, and with 10 % free
 * the old generation filled again after every few of them, so a 5,000-post push made the gateway and feed-service
 * run one full collection after another (three quarters of their collectors' time in a profile). The settling
 * after the burst sets the ratios back before its collection. A service whose heap may reach its cap in a burst
 * names a larger share ({@link #burstAhead(int)}: content-service's walk of a long history, 70 %).
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
    private static final AtomicLong ARRIVED = new AtomicLong();
    /** The JVM's own {Min, Max}HeapFreeRatio while a burst runs with looser ones; null otherwise. */
    private static volatile String[] ownRatios;

    /** The free share of the heap after a collection while a burst arrives (the JVM's own default is 40 %). */
    static final int BURST_FREE_PERCENT = 40;

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

    /**
     * Call as records arrive (a consumer, for each poll): once {@link #THRESHOLD} have come since the last
     * settling, the heap keeps {@value #BURST_FREE_PERCENT} % free until the settling after the burst. True when
     * this call loosened the ratios.
     */
    public static boolean arriving(int records) {
        return ARRIVED.addAndGet(records) >= THRESHOLD && ownRatios == null && loosen(BURST_FREE_PERCENT);
    }

    /**
     * Call when a burst is certain before its records come: a service that starts reads its topics from the
     * beginning, and its Kafka consumers fetch tens of megabytes before the first poll is handed over. The heap
     * keeps {@value #BURST_FREE_PERCENT} % free until the first settling. True when this call loosened the ratios.
     */
    public static boolean burstAhead() {
        return loosen(BURST_FREE_PERCENT);
    }

    /**
     * As {@link #burstAhead()}, with {@code freePercent} free after each collection until the settling: for a
     * service whose heap is allowed to reach its cap in a burst (content-service's walk of a whole history).
     */
    public static boolean burstAhead(int freePercent) {
        return loosen(freePercent);
    }

    /** Raises the free ratios to {@code percent} (never lowers them); false if already or impossible. */
    static synchronized boolean loosen(int percent) {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String min = flag(vm, "MinHeapFreeRatio");
        String max = flag(vm, "MaxHeapFreeRatio");
        if (ownRatios != null || min == null || max == null || Integer.parseInt(min) >= percent) {
            return false;
        }
        String burst = Integer.toString(percent);
        // Min <= Max at every step: raise Max first
        if (Integer.parseInt(max) < percent && !set(vm, "MaxHeapFreeRatio", burst)) {
            return false;
        }
        if (!set(vm, "MinHeapFreeRatio", burst)) {
            set(vm, "MaxHeapFreeRatio", max);
            return false;
        }
        ownRatios = new String[]{min, max};
        return true;
    }

    /** Sets back the ratios {@link #loosen(int)} raised; false if they were not raised. */
    static synchronized boolean tighten() {
        ARRIVED.set(0);
        if (ownRatios == null) {
            return false;
        }
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        // Min <= Max at every step: lower Min first
        set(vm, "MinHeapFreeRatio", ownRatios[0]);
        set(vm, "MaxHeapFreeRatio", ownRatios[1]);
        ownRatios = null;
        return true;
    }

    private static void settle() {
        PENDING.set(false);
        tighten();
        if (COLLECT.getAndSet(false)) {
            collectTightly();
        }
        trimNativeHeap();
    }

    /** The free share of the heap after the collection that follows a burst (then the JVM's own again). */
    static final int SETTLED_FREE_PERCENT = 20;

    /**
     * A full collection after which the heap keeps {@value #SETTLED_FREE_PERCENT} % free: the free-ratio flags
     * (manageable, so settable while the JVM runs) are lowered for this one collection and then set back. A JVM
     * whose flags cannot be set, or already run tighter, collects with its own.
     *
     * @return whether the flags were lowered for the collection
     */
    static boolean collectTightly() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String min = flag(vm, "MinHeapFreeRatio");
        String max = flag(vm, "MaxHeapFreeRatio");
        String settledMax = Integer.toString(SETTLED_FREE_PERCENT);
        String settledMin = Integer.toString(SETTLED_FREE_PERCENT / 2);
        // Min <= Max at every step: lower Min first, raise Max first when setting them back
        boolean lowered = min != null && max != null && Integer.parseInt(max) > SETTLED_FREE_PERCENT
                && set(vm, "MinHeapFreeRatio", Integer.parseInt(min) > SETTLED_FREE_PERCENT / 2 ? settledMin : min)
                && set(vm, "MaxHeapFreeRatio", settledMax);
        try {
            System.gc();
        } finally {
            if (min != null && max != null) {
                set(vm, "MaxHeapFreeRatio", max);
                set(vm, "MinHeapFreeRatio", min);
            }
        }
        return lowered;
    }

    private static String flag(HotSpotDiagnosticMXBean vm, String name) {
        try {
            return vm == null ? null : vm.getVMOption(name).getValue();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean set(HotSpotDiagnosticMXBean vm, String name, String value) {
        try {
            vm.setVMOption(name, value);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
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
