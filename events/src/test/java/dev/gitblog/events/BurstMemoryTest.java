package dev.gitblog.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BurstMemoryTest {

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    @Test
    void aSmallBurstAsksForATrimAndNoCollection() {
        List<Runnable> asked = new ArrayList<>();
        assertFalse(BurstMemory.afterBurst(BurstMemory.THRESHOLD - 1, asked::add), "no collection");
        assertFalse(BurstMemory.afterBurst(1, asked::add));
        assertEquals(1, asked.size(), "one trim for both");
        asked.get(0).run();
        assertFalse(BurstMemory.afterBurst(1, asked::add));
        assertEquals(2, asked.size(), "once it ran, the next burst asks again");
        asked.get(1).run();
    }

    @Test
    void thisJvmTrimsItsNativeHeap() {
        // JDK 17.0.9 and later have the command on glibc; the build's JDKs (17.0.15, 21, 25) do
        assertTrue(BurstMemory.trimNativeHeap(), "System.trim_native_heap through the DiagnosticCommand MBean");
    }

    @Test
    void bigBurstsShareOneCollectionThatRuns() {
        List<Runnable> asked = new ArrayList<>();
        assertTrue(BurstMemory.afterBurst(BurstMemory.THRESHOLD, asked::add));
        assertTrue(BurstMemory.afterBurst(5_000, asked::add));
        assertEquals(1, asked.size(), "the second burst joins the pending collection");
        long before = collections();
        asked.get(0).run();
        assertTrue(collections() > before, "a collection ran");
        assertTrue(BurstMemory.afterBurst(BurstMemory.THRESHOLD, asked::add));
        assertEquals(2, asked.size(), "once it ran, the next burst asks again");
        asked.get(1).run();
    }

    @Test
    void theCollectionAfterABurstLowersTheFreeRatiosForItselfOnly() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String min = vm.getVMOption("MinHeapFreeRatio").getValue();
        String max = vm.getVMOption("MaxHeapFreeRatio").getValue();
        // the test JVM runs with the defaults (40 and 70 %), looser than the settled 20 %
        assertTrue(Integer.parseInt(max) > BurstMemory.SETTLED_FREE_PERCENT, max);
        long before = collections();
        assertTrue(BurstMemory.collectTightly(), "the ratios are manageable: lowered for the collection");
        assertTrue(collections() > before, "a collection ran");
        assertEquals(min, vm.getVMOption("MinHeapFreeRatio").getValue(), "set back");
        assertEquals(max, vm.getVMOption("MaxHeapFreeRatio").getValue(), "set back");
    }

    @Test
    void aBurstThatArrivesLoosensTheFreeRatiosUntilItSettles() {
        // as run.sh starts the gateway and feed-service: 10 % to 30 % free
        withRatios("10", "30", vm -> {
            assertFalse(BurstMemory.arriving(BurstMemory.THRESHOLD - 1), "not a burst yet");
            assertEquals("10", vm.getVMOption("MinHeapFreeRatio").getValue());
            assertTrue(BurstMemory.arriving(1), "the records of one burst add up");
            String burst = Integer.toString(BurstMemory.BURST_FREE_PERCENT);
            assertEquals(burst, vm.getVMOption("MinHeapFreeRatio").getValue());
            assertEquals(burst, vm.getVMOption("MaxHeapFreeRatio").getValue());
            assertFalse(BurstMemory.arriving(5_000), "loosened once");

            List<Runnable> asked = new ArrayList<>();
            assertTrue(BurstMemory.afterBurst(5_000, asked::add));
            asked.get(0).run();
            assertEquals("10", vm.getVMOption("MinHeapFreeRatio").getValue(), "set back when the burst settled");
            assertEquals("30", vm.getVMOption("MaxHeapFreeRatio").getValue(), "set back when the burst settled");
            assertFalse(BurstMemory.arriving(BurstMemory.THRESHOLD - 1), "the count starts again after settling");
        });
    }

    @Test
    void aBurstAnnouncedWithItsOwnFreeShareKeepsItUntilItSettles() {
        // as run.sh starts content-service: 30 % free
        withRatios("30", "30", vm -> {
            assertTrue(BurstMemory.burstAhead(70), "a long walk loosens the ratios");
            assertEquals("70", vm.getVMOption("MinHeapFreeRatio").getValue());
            assertEquals("70", vm.getVMOption("MaxHeapFreeRatio").getValue());
            assertFalse(BurstMemory.burstAhead(80), "loosened once per burst");

            List<Runnable> asked = new ArrayList<>();
            assertFalse(BurstMemory.afterBurst(0, asked::add), "nothing published: no collection");
            asked.get(0).run();
            assertEquals("30", vm.getVMOption("MinHeapFreeRatio").getValue(), "set back when the burst settled");
            assertEquals("30", vm.getVMOption("MaxHeapFreeRatio").getValue(), "set back when the burst settled");
        });
    }

    /** Runs {@code test} in this JVM with the free ratios {@code min} and {@code max}, then sets its own back. */
    private static void withRatios(String min, String max, Consumer<HotSpotDiagnosticMXBean> test) {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String ownMin = vm.getVMOption("MinHeapFreeRatio").getValue();
        String ownMax = vm.getVMOption("MaxHeapFreeRatio").getValue();
        BurstMemory.tighten();
        vm.setVMOption("MinHeapFreeRatio", "0"); // Min <= Max at every step
        vm.setVMOption("MaxHeapFreeRatio", max);
        vm.setVMOption("MinHeapFreeRatio", min);
        try {
            test.accept(vm);
        } finally {
            BurstMemory.tighten();
            vm.setVMOption("MinHeapFreeRatio", "0");
            vm.setVMOption("MaxHeapFreeRatio", ownMax);
            vm.setVMOption("MinHeapFreeRatio", ownMin);
        }
    }

    @Test
    void aJvmThatRunsLooseAlreadyIsLeftAsItIs() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        BurstMemory.tighten();
        String min = vm.getVMOption("MinHeapFreeRatio").getValue();
        // the test JVM runs with the defaults: at least the burst's free share already
        assertTrue(Integer.parseInt(min) >= BurstMemory.BURST_FREE_PERCENT, min);
        assertFalse(BurstMemory.loosen(BurstMemory.BURST_FREE_PERCENT));
        assertEquals(min, vm.getVMOption("MinHeapFreeRatio").getValue());
        assertFalse(BurstMemory.tighten(), "nothing to set back");
    }
}
