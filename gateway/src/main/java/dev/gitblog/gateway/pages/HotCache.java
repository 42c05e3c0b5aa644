package dev.gitblog.gateway.pages;

import io.vertx.core.buffer.Buffer;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bytes of hot pages in the heap, by content name, bounded in total bytes: a page asked for again and
 * again is written from here without touching its file. Reads are lock-free; inserts evict with a second
 * chance (an entry read since the last pass survives one more), under a lock. The bytes are kept off the
 * Java heap in a direct buffer that Netty writes to the socket as it is (no copy per response; Vert.x writes a
 * duplicate, and the buffer ignores releases: the JDK frees it once no cache entry or write in flight refers
 * to it).
 */
public final class HotCache {

    private static final class Slot {
        final Buffer buffer;
        volatile boolean used;

        Slot(Buffer buffer) {
            this.buffer = buffer;
        }
    }

    private final long maxBytes;
    private final long maxEntryBytes;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final Set<String> loading = ConcurrentHashMap.newKeySet();
    private long bytes;
    private Iterator<Map.Entry<String, Slot>> hand;

    public HotCache(long maxBytes, long maxEntryBytes) {
        this.maxBytes = Math.max(0, maxBytes);
        this.maxEntryBytes = Math.min(Math.max(0, maxEntryBytes), this.maxBytes);
    }

    /** The cached bytes of {@code name}, or null. */
    public Buffer get(String name) {
        Slot s = slots.get(name);
        if (s == null) {
            return null;
        }
        if (!s.used) {
            s.used = true;
        }
        return s.buffer;
    }

    /**
     * True when the caller should load {@code name} (of {@code length} bytes) and {@link #put} it: it fits,
     * is not cached and nobody else is loading it. The caller then calls {@link #put} or {@link #loadFailed}.
     */
    public boolean startLoad(String name, long length) {
        return fits(length) && !slots.containsKey(name) && loading.add(name);
    }

    public void loadFailed(String name) {
        loading.remove(name);
    }

    public boolean fits(long length) {
        return maxBytes > 0 && length <= maxEntryBytes;
    }

    /** Caches a copy of {@code bytes} under {@code name} when it fits; returns the cached buffer or null. */
    public Buffer put(String name, byte[] bytes) {
        if (!fits(bytes.length)) {
            loading.remove(name);
            return null;
        }
        Buffer buffer = direct(bytes);
        put(name, buffer);
        return buffer;
    }

    /** A buffer over a direct copy of {@code bytes} that many responses can write. */
    static Buffer direct(byte[] bytes) {
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocateDirect(bytes.length);
        bb.put(bytes).flip();
        return Buffer.buffer(io.netty.buffer.Unpooled.unreleasableBuffer(io.netty.buffer.Unpooled.wrappedBuffer(bb)));
    }

    /** Caches {@code buffer} under {@code name} when it fits, evicting cold entries to stay within the bound. */
    public void put(String name, Buffer buffer) {
        loading.remove(name);
        if (!fits(buffer.length())) {
            return;
        }
        synchronized (this) {
            if (slots.putIfAbsent(name, new Slot(buffer)) != null) {
                return;
            }
            bytes += buffer.length();
            evict(name);
        }
    }

    /** Drops everything (tests). */
    public synchronized void clear() {
        slots.clear();
        bytes = 0;
        hand = null;
    }

    public synchronized long bytes() {
        return bytes;
    }

    public int size() {
        return slots.size();
    }

    private void evict(String keep) {
        int misses = 0;
        while (bytes > maxBytes && !slots.isEmpty()) {
            if (hand == null || !hand.hasNext()) {
                hand = slots.entrySet().iterator();
                if (++misses > 3) {
                    break;
                }
            }
            Map.Entry<String, Slot> e = hand.next();
            Slot s = e.getValue();
            if (e.getKey().equals(keep)) {
                continue;
            }
            if (s.used && misses < 3) {
                s.used = false;
            } else {
                hand.remove();
                bytes -= s.buffer.length();
            }
        }
    }
}
