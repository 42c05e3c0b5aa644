package dev.gitblog.gateway.pages;

import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Page-store files held open, so that a large page goes to the socket with sendfile from a descriptor that is
 * already open (as nginx does with its open file cache): no open, stat or close per request, and no copy
 * through user memory. A page-store file never changes while it exists (its name is its hash), so one
 * descriptor serves every request for it.
 *
 * <p>Each {@link #region} holds its file until Netty releases the region after the write (or after a failed
 * one). A file that is {@link #forget forgotten} (the sweep deleted it) or evicted (more than {@code maxOpen}
 * files) leaves the table at once and is closed when its last region has been written.
 */
public final class OpenPageFiles implements AutoCloseable {

    /** An open file and the count of its users: the table (while it lists the file) and each region. */
    private static final class Handle {
        final FileChannel channel;
        final AtomicInteger refs = new AtomicInteger(1);

        Handle(FileChannel channel) {
            this.channel = channel;
        }

        /** False when the file was closed meanwhile (its last user released it). */
        boolean acquire() {
            for (int r = refs.get(); r > 0; r = refs.get()) {
                if (refs.compareAndSet(r, r + 1)) {
                    return true;
                }
            }
            return false;
        }

        void release() {
            if (refs.decrementAndGet() == 0) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // a read-only descriptor: nothing was buffered
                }
            }
        }
    }

    /**
     * A region over a shared descriptor. It is a {@link DefaultFileRegion} because Netty's epoll
     * transport sends exactly those with sendfile(2); releasing it releases the descriptor's use instead of
     * closing it.
     */
    private static final class SharedRegion extends DefaultFileRegion {
        private final Handle handle;

        SharedRegion(Handle handle, long offset, long count) {
            super(handle.channel, offset, count);
            this.handle = handle;
        }

        @Override
        protected void deallocate() {
            handle.release();
        }
    }

    private final int maxOpen;
    private final Map<String, Handle> open = new ConcurrentHashMap<>();

    public OpenPageFiles(int maxOpen) {
        this.maxOpen = Math.max(1, maxOpen);
    }

    /**
     * A region over the first {@code length} bytes of {@code file} (the page-store file named {@code name}),
     * for one write: Netty releases it once written; a caller that does not write it must release it.
     *
     * @throws IOException when the file cannot be opened (it is gone)
     */
    public FileRegion region(String name, Path file, long length) throws IOException {
        return region(name, file, 0, length);
    }

    /**
     * A region over {@code count} bytes from {@code offset} of {@code file} (a byte range of a page, or a page in
     * a pack file), otherwise as {@link #region(String, Path, long)}.
     *
     * @throws IOException when the file cannot be opened (it is gone)
     */
    public FileRegion region(String name, Path file, long offset, long count) throws IOException {
        while (true) {
            Handle h = open.get(name);
            if (h == null) {
                Handle fresh = new Handle(FileChannel.open(file, StandardOpenOption.READ));
                h = open.putIfAbsent(name, fresh);
                if (h == null) {
                    h = fresh;
                    trim(name);
                } else {
                    fresh.release();
                }
            }
            if (h.acquire()) {
                return new SharedRegion(h, offset, count);
            }
            open.remove(name, h);
        }
    }

    /** {@code name}'s file was deleted: close it once the regions in flight are written. */
    public void forget(String name) {
        Handle h = open.remove(name);
        if (h != null) {
            h.release();
        }
    }

    /** Files in the table. */
    public int size() {
        return open.size();
    }

    /** True when the table holds {@code name}'s file open. */
    public boolean holds(String name) {
        return open.containsKey(name);
    }

    @Override
    public void close() {
        for (String name : open.keySet()) {
            forget(name);
        }
    }

    /** Closes files beyond {@code maxOpen} (any but {@code keep}; page files are few, eviction is rare). */
    private void trim(String keep) {
        for (Iterator<String> it = open.keySet().iterator(); open.size() > maxOpen && it.hasNext(); ) {
            String name = it.next();
            if (!name.equals(keep)) {
                forget(name);
            }
        }
    }
}
