package dev.gitblog.gateway.pages;

import dev.gitblog.gateway.site.Content;
import dev.gitblog.gateway.site.ContentStore;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The fragments' body HTML, appended to one file of the page store instead of a file each. A body is only ever
 * read whole, by the thread that composes pages or by the JSON API, never sent with sendfile, so it needs no
 * file of its own; and creating 5,000 files costs more than writing their bytes (gateway README, "The page
 * store"). A body is found by its name (the hash of its bytes) wherever the log keeps it now: {@link #sweep}
 * drops the bodies nothing uses, and once they make up more than half of the file, copies the rest into a new
 * one ({@link #compactions()}).
 *
 * <p>Thread-safe: every method holds the log's lock, so a read never meets a file being replaced.
 */
final class BodyLog implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BodyLog.class);

    /** Bytes of dropped bodies below which the file is never rewritten. */
    static final long MIN_GARBAGE_BYTES = 8L << 20;

    private record Slot(long offset, int length, long lastUsed) {
        Slot used(long t) {
            return new Slot(offset, length, t);
        }
    }

    private final Path dir;
    private final Map<String, Slot> slots = new HashMap<>();
    private int generation;
    private Path file;
    private FileChannel channel;
    private long size;
    private long liveBytes;
    private long compactions;

    BodyLog(Path dir) {
        this.dir = dir;
    }

    /** Appends {@code bytes} unless the log holds them already; the content reads them back by name. */
    synchronized Content put(byte[] bytes, long now) {
        String name = ContentStore.hashName(bytes);
        Slot slot = slots.get(name);
        if (slot == null) {
            slot = new Slot(append(bytes), bytes.length, now);
            liveBytes += bytes.length;
        } else {
            slot = slot.used(now);
        }
        slots.put(name, slot);
        return new Content.ReadByName(name, bytes.length, this::read);
    }

    /** The bytes of the body {@code name}. */
    synchronized byte[] read(String name) {
        Slot slot = slots.get(name);
        if (slot == null) {
            throw new UncheckedIOException(new IOException("page store: the body " + name + " was removed"));
        }
        try {
            return readFully(channel, slot.offset(), slot.length());
        } catch (IOException e) {
            throw new UncheckedIOException("page store: cannot read the body " + name + " from " + file, e);
        }
    }

    /** Marks the bodies among {@code names} as used at {@code t} (their snapshot was just replaced). */
    synchronized void retire(Iterable<String> names, long t) {
        for (String name : names) {
            slots.computeIfPresent(name, (k, s) -> s.used(t));
        }
    }

    /**
     * Drops every body that is not {@code kept} and was last used before {@code limit}; kept ones count as used
     * at {@code now}. Rewrites the file when the dropped bytes outweigh the rest.
     *
     * @return how many bodies were dropped
     */
    synchronized int sweep(Predicate<String> kept, long limit, long now) {
        int dropped = 0;
        for (Iterator<Map.Entry<String, Slot>> it = slots.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Slot> e = it.next();
            if (kept.test(e.getKey())) {
                e.setValue(e.getValue().used(now));
            } else if (e.getValue().lastUsed() < limit) {
                liveBytes -= e.getValue().length();
                it.remove();
                dropped++;
            }
        }
        long garbage = size - liveBytes;
        if (garbage > liveBytes && garbage >= MIN_GARBAGE_BYTES) {
            compact();
        }
        return dropped;
    }

    /** Bodies held. */
    synchronized int count() {
        return slots.size();
    }

    /** The size of the file, dropped bodies included until it is rewritten. */
    synchronized long bytesOnDisk() {
        return size;
    }

    /** Times the file was rewritten without its dropped bodies. */
    synchronized long compactions() {
        return compactions;
    }

    @Override
    public synchronized void close() {
        closeChannel();
        slots.clear();
        size = 0;
        liveBytes = 0;
    }

    private long append(byte[] bytes) {
        try {
            if (channel == null) {
                open();
            }
            long offset = size;
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                channel.write(buf, offset + buf.position());
            }
            size += bytes.length;
            return offset;
        } catch (IOException e) {
            throw new UncheckedIOException("page store: cannot append a body to " + file, e);
        }
    }

    /**
     * Copies the bodies still held into a new file, then removes the old one. When that fails, the old file
     * stays as it was (nothing is lost; the dropped bodies stay until a later sweep tries again): a sweep never
     * stops the serving side.
     */
    private void compact() {
        Path newFile = dir.resolve("bodies-" + (generation + 1) + ".log");
        Map<String, Slot> moved = new HashMap<>(slots.size() * 2);
        FileChannel out = null;
        long offset = 0;
        try {
            out = FileChannel.open(newFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            for (Map.Entry<String, Slot> e : slots.entrySet()) {
                Slot s = e.getValue();
                long done = 0;
                while (done < s.length()) { // the new file's position advances with each transfer
                    done += channel.transferTo(s.offset() + done, s.length() - done, out);
                }
                moved.put(e.getKey(), new Slot(offset, s.length(), s.lastUsed()));
                offset += s.length();
            }
        } catch (IOException e) {
            LOG.warnf("page store: cannot rewrite the body log %s, keeping it: %s", file, e.getMessage());
            close(out);
            delete(newFile);
            return;
        }
        close(channel);
        delete(file);
        generation++;
        file = newFile;
        channel = out;
        slots.putAll(moved);
        size = offset;
        compactions++;
    }

    private static void close(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // read and written with positions only: nothing is buffered
            }
        }
    }

    private static void delete(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            LOG.warnf("page store: cannot remove %s (the folder goes at shutdown): %s", f, e.getMessage());
        }
    }

    private void open() throws IOException {
        file = dir.resolve("bodies-" + (++generation) + ".log");
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
    }

    private void closeChannel() {
        close(channel);
        channel = null;
    }

    private static byte[] readFully(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (channel.read(buf, offset + buf.position()) < 0) {
                throw new IOException("the body log ends early");
            }
        }
        return buf.array();
    }
}
