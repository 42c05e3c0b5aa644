package dev.gitblog.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class BurstMemoryTest {

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    @Test
    void aSmallBurstLeavesTheHeapAlone() {
        assertFalse(BurstMemory.afterBurst(BurstMemory.THRESHOLD - 1));
        assertFalse(BurstMemory.afterBurst(1));
    }

    @Test
    void aBigBurstIsFollowedByACollection() {
        long before = collections();
        assertTrue(BurstMemory.afterBurst(BurstMemory.THRESHOLD));
        assertTrue(collections() > before, "a collection ran");
    }
}
