package dev.gitblog.gateway.pages;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HotCacheTest {

    static Buffer bytes(int n) {
        return Buffer.buffer(new byte[n]);
    }

    @Test
    void staysWithinItsBound() {
        HotCache cache = new HotCache(10_000, 4_000);
        for (int i = 0; i < 100; i++) {
            cache.put("p" + i, bytes(1_000 + i));
            assertTrue(cache.bytes() <= 10_000, "bytes " + cache.bytes() + " after " + i);
        }
        assertNotNull(cache.get("p99"), "the newest entry is kept");
        assertTrue(cache.size() >= 8, "the cache is used, not emptied: " + cache.size());
    }

    @Test
    void aPageReadSinceTheLastPassSurvivesOneThatWasNot() {
        HotCache cache = new HotCache(3_000, 1_000);
        cache.put("hot", bytes(1_000));
        cache.put("cold", bytes(1_000));
        cache.put("other", bytes(1_000));
        for (int round = 0; round < 20; round++) {
            assertNotNull(cache.get("hot"), "round " + round);
            cache.put("new" + round, bytes(1_000));
        }
        assertNull(cache.get("cold"));
        assertNotNull(cache.get("hot"));
    }

    @Test
    void tooLargeOrTurnedOffIsNeverCached() {
        HotCache cache = new HotCache(10_000, 2_000);
        cache.put("big", bytes(2_001));
        assertNull(cache.get("big"));
        assertFalse(cache.startLoad("big", 2_001));

        HotCache off = new HotCache(0, 1_000);
        off.put("x", bytes(10));
        assertNull(off.get("x"));
        assertFalse(off.startLoad("x", 10));
    }

    @Test
    void oneLoaderPerPage() {
        HotCache cache = new HotCache(10_000, 2_000);
        assertTrue(cache.startLoad("p", 100));
        assertFalse(cache.startLoad("p", 100), "a second request does not read the file again");
        cache.loadFailed("p");
        assertTrue(cache.startLoad("p", 100), "after a failed read the next request may try");
        Buffer b = bytes(100);
        cache.put("p", b);
        assertSame(b, cache.get("p"));
        assertFalse(cache.startLoad("p", 100), "cached: nothing to load");
    }
}
