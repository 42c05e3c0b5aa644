package dev.gitblog.gateway.blobs;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Static file bytes by blob hash, in memory, bounded by total size (least recently used goes first)
 * and by entry size (larger files are never cached; they are streamed through). A blob hash names
 * immutable content, so an entry never needs invalidating. Thread-safe.
 */
public final class BlobCache {

    /** Cached bytes plus, for compressible media types, a precompressed gzip variant (or null). */
    public record Blob(String hash, byte[] bytes, byte[] gzipBytes) {
        long weight() {
            return bytes.length + (gzipBytes == null ? 0 : gzipBytes.length);
        }
    }

    private final long maxBytes;
    private final long maxEntryBytes;
    private final LinkedHashMap<String, Blob> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    public BlobCache(long maxBytes, long maxEntryBytes) {
        this.maxBytes = maxBytes;
        this.maxEntryBytes = maxEntryBytes;
    }

    /** True when a file of {@code size} bytes may be cached (otherwise it is streamed). */
    public boolean cacheable(long size) {
        return size >= 0 && size <= maxEntryBytes && size <= maxBytes;
    }

    public synchronized Optional<Blob> get(String hash) {
        return Optional.ofNullable(entries.get(hash));
    }

    /** Adds a blob unless it is too large; evicts the least recently used ones to stay in bounds. */
    public synchronized void put(Blob blob) {
        if (!cacheable(blob.bytes().length) || blob.weight() > maxBytes) {
            return;
        }
        Blob old = entries.put(blob.hash(), blob);
        if (old != null) {
            bytes -= old.weight();
        }
        bytes += blob.weight();
        Iterator<Map.Entry<String, Blob>> it = entries.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            Map.Entry<String, Blob> eldest = it.next();
            if (eldest.getKey().equals(blob.hash())) {
                continue;
            }
            bytes -= eldest.getValue().weight();
            it.remove();
        }
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int size() {
        return entries.size();
    }
}
