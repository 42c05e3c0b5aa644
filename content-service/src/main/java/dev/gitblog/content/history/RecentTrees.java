package dev.gitblog.content.history;

import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the raw bytes of recently read trees for {@link HistoryWalker}: every tree of a commit is read again as
 * the "before" side of the next commit's diff, and a large directory (Posts/ with thousands of entries) would
 * otherwise be inflated and delta-resolved twice. Other objects pass through.
 * <p>
 * Bounded by bytes, least recently used first out: a directory grows over the history, so a bound by count
 * would let every newer, larger version of it stay (at 5,000 posts it held 130 MB by the end of the walk and
 * made content-service collect its whole heap every few hundred milliseconds). Single-threaded, like the walk.
 */
final class RecentTrees extends ObjectReader.Filter {

    /**
     * The bound of the walk: a few versions of a 5,000-entry directory (about 330 KB each). Each diff needs only
     * the trees of the commit visited just before; a larger cache only moved more garbage through the old
     * generation (at 8 MB the walk of 6,667 commits spent twice as long in collections).
     */
    static final long MAX_BYTES = 2L << 20;

    private final ObjectReader delegate;
    private final long maxBytes;
    private final Map<ObjectId, byte[]> cache = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    /** @param maxBytes the most tree bytes kept; a tree larger than a quarter of it is never kept */
    RecentTrees(ObjectReader delegate, long maxBytes) {
        this.delegate = delegate;
        this.maxBytes = maxBytes;
    }

    @Override
    protected ObjectReader delegate() {
        return delegate;
    }

    @Override
    public ObjectLoader open(AnyObjectId id, int typeHint) throws IOException {
        if (typeHint != Constants.OBJ_TREE) {
            return delegate.open(id, typeHint);
        }
        byte[] raw = cache.get(id);
        if (raw == null) {
            raw = delegate.open(id, typeHint).getCachedBytes();
            if (raw.length <= maxBytes / 4) {
                evictFor(raw.length);
                bytes += raw.length;
                cache.put(id.copy(), raw);
            }
        }
        return new ObjectLoader.SmallObject(Constants.OBJ_TREE, raw);
    }

    /** The bytes of the trees kept now. */
    long cachedBytes() {
        return bytes;
    }

    /** Drops the least recently used trees until {@code incoming} more bytes fit. */
    private void evictFor(int incoming) {
        Iterator<byte[]> leastRecentFirst = cache.values().iterator();
        while (bytes + incoming > maxBytes && leastRecentFirst.hasNext()) {
            bytes -= leastRecentFirst.next().length;
            leastRecentFirst.remove();
        }
    }

    @Override
    public void close() {
        cache.clear(); // the delegate belongs to the caller
        bytes = 0;
    }
}
