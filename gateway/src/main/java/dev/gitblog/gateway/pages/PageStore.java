package dev.gitblog.gateway.pages;

import dev.gitblog.events.BurstMemory;
import dev.gitblog.gateway.site.Content;
import dev.gitblog.gateway.site.ContentStore;
import dev.gitblog.gateway.site.GzipVariant;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A content-addressed store of composed pages on disk, so that page bytes stay out of the heap: a page is
 * the file {@code <name>} (name = the first 128 bits of SHA-256 of the bytes in hex, which quoted is the
 * page's strong ETag) and its gzip variant {@code <name>.gz}. A fragment's body HTML, named the same way, is
 * appended to the store's {@link BodyLog} instead: bodies are read whole and never sent as files, so they need
 * no file each. The same bytes are written once (a push that leaves a page as it was costs no write and no
 * gzip). Files are written to a temporary name and moved into place, so a reader sees a whole file or none.
 *
 * <p>A build that stores more than {@code filesPerBuild} (256 by default) new pages and variants (a first
 * composition, a replica's catch-up, a push of the whole history) appends the rest to one pack file,
 * {@code pack-<n>}, as regions that are sent and read like files: creating thousands of files costs more than
 * writing their bytes. A pack is deleted when the sweep has removed every page in it; until then the pages of
 * it that later builds replaced stay on disk, at most one large build's worth per pack that is still in use
 * (gateway README, "The page store").
 *
 * <p>A build that stores more than {@code gzipPerBuild} (128 by default) new pages stores their gzip variants
 * after it ends, on the store's own thread, into a pack of their own: the revision is served as soon as its
 * pages are there, and its large pages go out without gzip until their variant is set ({@link GzipVariant}).
 * gzip was a third of the composition of a whole site (gateway README, "The page store").
 *
 * <p>Files are removed by {@link #sweep}: only those that no live snapshot or fragment references and that
 * nothing has written, asked for or {@link #retire retired} for a grace period. A request that took a
 * snapshot just before it was replaced therefore never meets a missing file (and once open, a file stays
 * readable even if it is unlinked). File names come only from hashes, never from a request.
 *
 * <p>Thread-safe.
 */
public final class PageStore implements ContentStore, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PageStore.class);
    private static final String GZ = ".gz";

    private final Path dir;
    private final Duration grace;
    private final Clock clock;
    /** Every file this store has, with the last time (ms) it was written, asked for, referenced or retired. */
    private final Map<String, Long> files = new ConcurrentHashMap<>();
    private final AtomicLong bytesOnDisk = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong deduplicated = new AtomicLong();
    /** Name sets that a long reader (an export) still needs: kept like live files until their pin is closed. */
    private final Set<NamesPin> pins = ConcurrentHashMap.newKeySet();
    /** The fragments' bodies. */
    private final BodyLog bodies;
    /** Pages and variants kept in pack files, by name. */
    private final Map<String, Packed> packed = new ConcurrentHashMap<>();
    /** The build in progress, or null (guarded by this). */
    private BuildInProgress build;
    private int packSequence; // guarded by this
    /** When {@link #retire} was last called (ms), or -1: a replaced snapshot's files wait for a sweep after it. */
    private volatile long lastRetired = -1;
    /** When {@link #sweep} last ran (ms), or -1 (guarded by this). */
    private long lastSwept = -1;

    /** New pages and variants a build writes as files before it appends the rest to a pack. */
    private final int filesPerBuild;
    /** New pages of a build stored with their gzip variant; the variants of the rest follow the build. */
    private final int gzipPerBuild;
    /** Makes the variants that builds left to be made, one build after the other. */
    private final ExecutorService gzipThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "page-store-gzip");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    /**
     * Where a page starts in a pack: at a multiple of the memory page size, as a file of its own does. sendfile
     * from an unaligned start sent a 114 KB tag page at 15,300-19,600 req/s against 22,100-26,900 from its own
     * file; aligned, 26,800-27,500 (wrk, c64, 5,000 posts). The padding is under 4 KB per page.
     */
    static final long PACK_ALIGNMENT = 4096;

    /** A pack file and how many of the pages appended to it the store still holds. */
    private static final class Pack {
        final Path file;
        long size;
        int held;
        FileChannel channel; // open while its build runs

        Pack(Path file, FileChannel channel) {
            this.file = file;
            this.channel = channel;
        }
    }

    private record Packed(Pack pack, Content.OnDisk content) {
    }

    /** A page whose gzip variant is still to be made. */
    private record Later(String name, Content identity, GzipVariant variant) {
    }

    private final class BuildInProgress implements ContentStore.Build {
        int files;
        int pages;
        Pack pack;
        /** The pages whose variants follow the build, by name (guarded by the store). */
        final Map<String, Later> later = new LinkedHashMap<>();

        @Override
        public void close() {
            endBuild(this);
        }
    }

    /** Keeps a set of files from being swept while open, however long that is. */
    public interface Pin extends AutoCloseable {
        /** Pins nothing (no page store: the pages are in the heap). */
        Pin NONE = () -> { };

        @Override
        void close();
    }

    private final class NamesPin implements Pin {
        private final Set<String> names;

        private NamesPin(Set<String> names) {
            this.names = Set.copyOf(names);
        }

        @Override
        public void close() {
            if (pins.remove(this)) {
                // the grace period starts now, as for a snapshot replaced at this moment
                retire(names);
            }
        }
    }

    /**
     * @param dir   the store's own folder (created; emptied first: nothing of an earlier process is trusted)
     * @param grace how long a file stays after the last snapshot that used it was replaced
     */
    public PageStore(Path dir, Duration grace, Clock clock) {
        this(dir, grace, clock, 256);
    }

    /** @param filesPerBuild new pages and variants a build writes as files before it packs the rest */
    public PageStore(Path dir, Duration grace, Clock clock, int filesPerBuild) {
        this(dir, grace, clock, filesPerBuild, 128);
    }

    /** @param gzipPerBuild new pages of a build stored with their gzip variant; the rest get theirs after it */
    public PageStore(Path dir, Duration grace, Clock clock, int filesPerBuild, int gzipPerBuild) {
        this.filesPerBuild = Math.max(0, filesPerBuild);
        this.gzipPerBuild = Math.max(0, gzipPerBuild);
        this.dir = dir.toAbsolutePath().normalize();
        this.grace = grace;
        this.clock = clock;
        try {
            deleteTree(this.dir);
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the page store at " + this.dir, e);
        }
        this.bodies = new BodyLog(this.dir);
    }

    public Path dir() {
        return dir;
    }

    @Override
    public PageFiles putPage(byte[] body) {
        String name = ContentStore.hashName(body);
        Content identity = write(name, body);
        Content gzip = stored(name + GZ); // looked up first: a variant already stored costs no gzip
        if (gzip != null) {
            return new PageFiles(identity, gzip);
        }
        GzipVariant later = later(name, identity);
        if (later != null) {
            return new PageFiles(identity, later);
        }
        return new PageFiles(identity, write(name + GZ, ContentStore.gzip(body)));
    }

    /** The variant to be made after the build, once the build has stored {@code gzipPerBuild} pages; or null. */
    private synchronized GzipVariant later(String name, Content identity) {
        BuildInProgress b = build;
        if (b == null || b.pages++ < gzipPerBuild) {
            return null;
        }
        return b.later.computeIfAbsent(name, n -> new Later(n, identity, GzipVariant.later())).variant();
    }

    /** Starts a build (see the class comment on packs); only one runs at a time. */
    @Override
    public synchronized ContentStore.Build startBuild() {
        if (build != null) {
            throw new IllegalStateException("a build is already storing pages");
        }
        build = new BuildInProgress();
        return build;
    }

    private synchronized void endBuild(BuildInProgress b) {
        if (build != b) {
            return;
        }
        build = null;
        closePack(b);
        if (!b.later.isEmpty()) {
            List<Later> later = List.copyOf(b.later.values());
            try {
                gzipThread.execute(() -> storeVariants(later));
            } catch (RejectedExecutionException e) {
                // closed: the pages go out without gzip until the process ends
            }
        }
    }

    private synchronized void closePack(BuildInProgress b) {
        Pack pack = b.pack;
        if (pack != null && pack.channel != null) {
            try {
                pack.channel.close();
            } catch (IOException e) {
                LOG.warnf("page store: cannot close %s: %s", pack.file, e.getMessage());
            }
            pack.channel = null;
            if (pack.held == 0) { // swept while its build ran
                dropFromPack(pack, name -> { }, 0);
            }
        }
    }

    /**
     * Makes the gzip variants a build left, reading each page back, and appends them to a pack of their own
     * (after the first {@code filesPerBuild}, as a build does). Runs on the store's gzip thread.
     */
    private void storeVariants(List<Later> later) {
        long start = System.nanoTime();
        BuildInProgress own = new BuildInProgress(); // not the store's build: its pack is the variants' own
        int stored = 0;
        try (PageGzipper gzipper = new PageGzipper()) {
            for (Later l : later) {
                if (closed) {
                    return;
                }
                Content gzip = stored(l.name() + GZ);
                if (gzip == null) {
                    gzip = write(own, l.name() + GZ, gzipper.gzip(l.identity()));
                }
                l.variant().set(gzip);
                stored++;
            }
            LOG.infof("page store: %d gzip variants stored in %d ms after their build", stored,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            if (!closed) { // a page gone or the disk full: the rest go out without gzip until recomposed
                LOG.warnf("page store: gzip variants stopped after %d of %d: %s", stored, later.size(), e.toString());
            }
        } finally {
            closePack(own);
            BurstMemory.afterBurst(stored); // the C heap trimmed; after many variants the heap compacted too
        }
    }

    /** Waits until the gzip variants of every build that has ended are stored (tests). */
    void awaitVariants() {
        try {
            gzipThread.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RejectedExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends a fragment's body to the {@link BodyLog}; the content reads it back by name. */
    @Override
    public Content putBytes(byte[] bytes) {
        return bodies.put(bytes, now());
    }

    /** Marks files and bodies as used now (the snapshot that referenced them was just replaced). */
    public void retire(Collection<String> names) {
        long t = now();
        for (String name : names) {
            files.computeIfPresent(name, (k, v) -> t);
        }
        bodies.retire(names, t);
        lastRetired = t;
    }

    /**
     * True when the files and bodies last {@link #retire retired} have outlived the grace period and no sweep
     * has run since: a sweep now would remove them. Without it a gateway that serves no new revision (an idle
     * site) keeps a replaced site's files until the next push.
     */
    public synchronized boolean retiredPastGrace() {
        long retired = lastRetired;
        long due = retired + grace.toMillis();
        return retired >= 0 && now() > due && lastSwept <= due;
    }

    /**
     * Deletes every file, and drops every body, that is not in {@code live} or {@link #pin pinned} and was last
     * written, asked for or retired more than the grace period ago; live and pinned ones count as used now.
     *
     * @return how many files were deleted and bodies dropped
     */
    public int sweep(Set<String> live) {
        return sweep(live, name -> { });
    }

    /**
     * {@link #sweep(Set)}, telling {@code deleted} the name of each file it deleted: a page's own file (its name
     * is the page's) or a pack whose last page went.
     */
    public synchronized int sweep(Set<String> live, Consumer<String> deleted) {
        long t = now();
        long limit = t - grace.toMillis();
        lastSwept = t;
        int count = 0;
        for (Iterator<Map.Entry<String, Long>> it = files.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Long> e = it.next();
            if (live.contains(e.getKey()) || pinned(e.getKey())) {
                e.setValue(t);
            } else if (e.getValue() < limit) {
                Packed inPack = packed.remove(e.getKey());
                if (inPack != null) {
                    it.remove();
                    count++;
                    dropFromPack(inPack.pack(), deleted, 1);
                    continue;
                }
                Path file = dir.resolve(e.getKey());
                try {
                    long size = Files.size(file);
                    Files.delete(file);
                    bytesOnDisk.addAndGet(-size);
                } catch (NoSuchFileException gone) {
                    // nothing to do
                } catch (IOException ex) {
                    LOG.warnf("page store: cannot delete %s: %s", file, ex.getMessage());
                    continue;
                }
                it.remove();
                deleted.accept(e.getKey());
                count++;
            }
        }
        return count + bodies.sweep(name -> live.contains(name) || pinned(name), limit, t);
    }

    /** {@code pages} of {@code pack} are gone: the pack file goes with its last one (once its build has ended). */
    private void dropFromPack(Pack pack, Consumer<String> deleted, int pages) {
        pack.held -= pages;
        if (pack.held > 0 || pack.channel != null) {
            return;
        }
        try {
            Files.deleteIfExists(pack.file);
            bytesOnDisk.addAndGet(-pack.size);
            deleted.accept(pack.file.getFileName().toString());
        } catch (IOException ex) {
            LOG.warnf("page store: cannot delete %s: %s", pack.file, ex.getMessage());
        }
    }

    /** Keeps {@code names} (and their files) out of every sweep until the returned pin is closed. */
    public Pin pin(Set<String> names) {
        NamesPin pin = new NamesPin(names);
        pins.add(pin);
        return pin;
    }

    private boolean pinned(String name) {
        for (NamesPin p : pins) {
            if (p.names.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** Pages and gzip variants held, in files of their own or in packs (the bodies are counted apart). */
    public int fileCount() {
        return files.size();
    }

    /** Bodies held in the {@link BodyLog}. */
    public int bodyCount() {
        return bodies.count();
    }

    /** Times the body log was rewritten without the bodies the sweeps dropped. */
    public long bodyLogCompactions() {
        return bodies.compactions();
    }

    /** Page files and the body log. */
    public long bytesOnDisk() {
        return bytesOnDisk.get() + bodies.bytesOnDisk();
    }

    /** Files written (not counting the ones that already existed). */
    public long writes() {
        return writes.get();
    }

    /** Stores asked for that found the bytes already there. */
    public long deduplicated() {
        return deduplicated.get();
    }

    /** Removes the folder and everything in it. */
    @Override
    public synchronized void close() {
        closed = true;
        gzipThread.shutdownNow();
        if (build != null) {
            endBuild(build);
        }
        bodies.close();
        try {
            deleteTree(dir);
        } catch (IOException e) {
            LOG.warnf("page store: cannot remove %s: %s", dir, e.getMessage());
        }
        files.clear();
    }

    /** What the store holds under {@code name}, in a pack or a file of its own, marked as used now; or null. */
    private synchronized Content stored(String name) {
        Long seen = files.computeIfPresent(name, (k, v) -> now());
        Packed inPack = packed.get(name);
        Path file = dir.resolve(name);
        if (inPack == null && (seen == null || !Files.exists(file))) {
            return null;
        }
        deduplicated.incrementAndGet();
        return inPack != null ? inPack.content() : onDisk(name, file);
    }

    private synchronized Content write(String name, byte[] bytes) {
        return write(build, name, bytes);
    }

    /** Writes {@code bytes} as a file, or to {@code b}'s pack once it has written {@code filesPerBuild}. */
    private synchronized Content write(BuildInProgress b, String name, byte[] bytes) {
        Content existing = stored(name);
        if (existing != null) {
            return existing;
        }
        Path file = dir.resolve(name);
        if (b != null && b.files++ >= filesPerBuild) {
            return append(b, name, bytes);
        }
        try {
            Path tmp = Files.createTempFile(dir, ".w-", ".tmp");
            try {
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("page store: cannot write " + file, e);
        }
        if (files.put(name, now()) == null) {
            bytesOnDisk.addAndGet(bytes.length);
        }
        writes.incrementAndGet();
        return new Content.OnDisk(name, file, 0, bytes.length);
    }

    /** Appends {@code bytes} to the build's pack, opened at its first page. */
    private Content.OnDisk append(BuildInProgress b, String name, byte[] bytes) {
        try {
            if (b.pack == null) {
                Path file = dir.resolve("pack-" + (++packSequence));
                b.pack = new Pack(file, FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            }
            Pack pack = b.pack;
            long offset = (pack.size + PACK_ALIGNMENT - 1) / PACK_ALIGNMENT * PACK_ALIGNMENT;
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                pack.channel.write(buf, offset + buf.position());
            }
            bytesOnDisk.addAndGet(offset + bytes.length - pack.size);
            pack.size = offset + bytes.length;
            pack.held++;
            Content.OnDisk content = new Content.OnDisk(name, pack.file, offset, bytes.length);
            packed.put(name, new Packed(pack, content));
            files.put(name, now());
            writes.incrementAndGet();
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException("page store: cannot append " + name + " to a pack", e);
        }
    }

    private Content onDisk(String name, Path file) {
        try {
            return new Content.OnDisk(name, file, 0, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long now() {
        return clock.millis();
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The process-own folders under {@code base} ({@code <pid>}) of processes that are gone. */
    static int removeStale(Path base) {
        int removed = 0;
        if (!Files.isDirectory(base)) {
            return 0;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(base)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.matches("[0-9]{1,10}")) {
                    continue;
                }
                long pid = Long.parseLong(n);
                if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty()) {
                    deleteTree(p);
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warnf("page store: cannot clean %s: %s", base, e.getMessage());
        }
        return removed;
    }
}
