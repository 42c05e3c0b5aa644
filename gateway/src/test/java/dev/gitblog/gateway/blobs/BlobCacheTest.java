package dev.gitblog.gateway.blobs;

import dev.gitblog.gateway.blobs.BlobCache.Blob;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlobCacheTest {

    private static Blob blob(String hash, int size) {
        return new Blob(hash, new byte[size], null);
    }

    @Test
    void evictsLeastRecentlyUsedToStayInBounds() {
        BlobCache cache = new BlobCache(100, 60);
        cache.put(blob("a", 40));
        cache.put(blob("b", 40));
        assertTrue(cache.get("a").isPresent()); // a is now more recent than b
        cache.put(blob("c", 40));
        assertTrue(cache.get("a").isPresent());
        assertFalse(cache.get("b").isPresent());
        assertTrue(cache.get("c").isPresent());
        assertEquals(80, cache.bytes());
    }

    @Test
    void neverCachesLargeFiles() {
        BlobCache cache = new BlobCache(100, 60);
        assertFalse(cache.cacheable(61));
        cache.put(blob("big", 61));
        assertFalse(cache.get("big").isPresent());
        assertEquals(0, cache.bytes());
    }

    @Test
    void countsTheGzipVariant() {
        BlobCache cache = new BlobCache(100, 60);
        cache.put(new Blob("a", new byte[50], new byte[20]));
        assertEquals(70, cache.bytes());
        cache.put(new Blob("a", new byte[50], new byte[20]));
        assertEquals(70, cache.bytes());
        assertEquals(1, cache.size());
    }

    @Test
    void compressibleTypes() {
        assertTrue(BlobService.compressible("text/css"));
        assertTrue(BlobService.compressible("application/javascript"));
        assertTrue(BlobService.compressible("image/svg+xml"));
        assertTrue(BlobService.compressible("text/html; charset=UTF-8"));
        assertFalse(BlobService.compressible("image/png"));
        assertFalse(BlobService.compressible("font/woff2"));
        assertFalse(BlobService.compressible(null));
    }
}
