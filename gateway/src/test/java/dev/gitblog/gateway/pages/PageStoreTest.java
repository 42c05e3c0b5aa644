package dev.gitblog.gateway.pages;

import dev.gitblog.gateway.site.Content;
import dev.gitblog.gateway.site.ContentStore.PageFiles;
import dev.gitblog.gateway.site.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageStoreTest {

    static final Duration GRACE = Duration.ofMinutes(2);
    static final Instant T = Instant.parse("2022-11-17T15:48:30Z");

    @TempDir
    Path tmp;

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = T;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    final ManualClock clock = new ManualClock();

    PageStore store() {
        return new PageStore(tmp.resolve("store"), GRACE, clock);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256Prefix(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 32);
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void writesBytesAndGzipVariantUnderTheHashOfTheBytes() throws Exception {
        PageStore store = store();
        byte[] body = utf8("<!DOCTYPE html>\n<p>hello, page store</p>\n".repeat(50));
        PageFiles files = store.putPage(body);

        String hash = sha256Prefix(body);
        assertEquals(hash, files.identity().name());
        assertEquals(hash + ".gz", files.gzip().name());
        Content.OnDisk identity = assertInstanceOf(Content.OnDisk.class, files.identity());
        Content.OnDisk gzip = assertInstanceOf(Content.OnDisk.class, files.gzip());
        assertEquals(store.dir().resolve(hash), identity.file());
        assertArrayEquals(body, Files.readAllBytes(identity.file()));
        assertArrayEquals(body, gunzip(Files.readAllBytes(gzip.file())));
        assertTrue(gzip.length() < body.length, "the repeated text compresses");
        assertEquals(body.length, identity.length());
        // nothing half-written is left behind
        try (var list = Files.list(store.dir())) {
            assertEquals(Set.of(hash, hash + ".gz"), new HashSet<>(list.map(p -> p.getFileName().toString()).toList()));
        }
    }

    @Test
    void aPageFromTheStoreHasTheSameEtagAndBytesAsOneInTheHeap() throws Exception {
        PageStore store = store();
        byte[] body = utf8("<p>same bytes, same validator</p>");
        Page onDisk = Page.of("text/html; charset=UTF-8", store.putPage(body), T);
        Page inHeap = Page.of("text/html; charset=UTF-8", body, T);
        assertEquals("\"" + sha256Prefix(body) + "\"", onDisk.etag());
        assertEquals(inHeap.etag(), onDisk.etag());
        assertEquals(inHeap.gzipEtag(), onDisk.gzipEtag());
        assertArrayEquals(inHeap.body(), onDisk.body());
        assertArrayEquals(inHeap.gzipBody(), onDisk.gzipBody());
        assertEquals("Thu, 17 Nov 2022 15:48:30 GMT", onDisk.lastModifiedHeader());
        assertEquals(Integer.toString(body.length), onDisk.identityLength());
        assertEquals(Integer.toString(onDisk.gzipBody().length), onDisk.gzipLength());
    }

    @Test
    void theSameBytesAreWrittenOnce() throws Exception {
        PageStore store = store();
        byte[] a = utf8("<p>a</p>");
        PageFiles first = store.putPage(a);
        Instant written = Files.getLastModifiedTime(store.dir().resolve(first.identity().name())).toInstant();
        assertEquals(2, store.writes());

        PageFiles again = store.putPage(utf8("<p>a</p>"));
        assertEquals(first.identity().name(), again.identity().name());
        assertEquals(first.gzip().name(), again.gzip().name());
        assertEquals(2, store.writes(), "no second write of the same bytes");
        assertEquals(2, store.deduplicated());
        assertEquals(written, Files.getLastModifiedTime(store.dir().resolve(first.identity().name())).toInstant());

        Content body = store.putBytes(a);
        assertEquals(first.identity().name(), body.name(), "a fragment body with a page's bytes shares its file");
        assertEquals(2, store.writes());

        PageFiles b = store.putPage(utf8("<p>b</p>"));
        assertNotEquals(first.identity().name(), b.identity().name());
        assertEquals(4, store.writes());
        assertEquals(4, store.fileCount());
    }

    @Test
    void sweepKeepsReferencedFilesForeverAndOthersForTheGracePeriod() {
        PageStore store = store();
        PageFiles kept = store.putPage(utf8("<p>referenced</p>"));
        PageFiles dropped = store.putPage(utf8("<p>no longer referenced</p>"));
        Set<String> live = Set.of(kept.identity().name(), kept.gzip().name());

        clock.advance(GRACE.minusSeconds(1));
        assertEquals(0, store.sweep(live), "within the grace period nothing goes");
        assertTrue(exists(store, dropped));

        clock.advance(Duration.ofSeconds(2));
        assertEquals(2, store.sweep(live));
        assertFalse(Files.exists(store.dir().resolve(dropped.identity().name())));
        assertFalse(Files.exists(store.dir().resolve(dropped.gzip().name())));
        assertTrue(exists(store, kept));

        for (int i = 0; i < 10; i++) {
            clock.advance(GRACE.multipliedBy(3));
            assertEquals(0, store.sweep(live));
        }
        assertTrue(exists(store, kept), "a referenced file is never deleted, however old");
        assertEquals(2, store.fileCount());

        // stored again after removal: written again, readable
        PageFiles back = store.putPage(utf8("<p>no longer referenced</p>"));
        assertArrayEquals(utf8("<p>no longer referenced</p>"), back.identity().bytes());
    }

    @Test
    void aRetiredSnapshotsFilesStayForTheGracePeriodFromItsRetirement() {
        PageStore store = store();
        PageFiles old = store.putPage(utf8("<p>old revision</p>"));
        List<String> oldNames = List.of(old.identity().name(), old.gzip().name());
        // served for a long time: each sweep sees it referenced
        for (int i = 0; i < 5; i++) {
            clock.advance(GRACE);
            store.sweep(Set.copyOf(oldNames));
        }
        clock.advance(GRACE.multipliedBy(2));
        // replaced now: a request that took the old snapshot a moment ago may still open its files
        store.retire(oldNames);
        clock.advance(GRACE.minusSeconds(1));
        assertEquals(0, store.sweep(Set.of()));
        assertTrue(exists(store, old));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(2, store.sweep(Set.of()));
        assertFalse(exists(store, old));
    }

    @Test
    void aPinnedSnapshotOutlivesTheGracePeriodAndGoesAGracePeriodAfterItsPinIsClosed() {
        PageStore store = store();
        PageFiles old = store.putPage(utf8("<p>exported revision</p>"));
        PageFiles other = store.putPage(utf8("<p>not exported</p>"));
        List<String> oldNames = List.of(old.identity().name(), old.gzip().name());
        // an export takes the snapshot; a push replaces it at once
        PageStore.Pin pin = store.pin(Set.copyOf(oldNames));
        store.retire(oldNames);
        store.retire(List.of(other.identity().name(), other.gzip().name()));
        for (int i = 0; i < 5; i++) {
            clock.advance(GRACE);
            store.sweep(Set.of());
        }
        assertTrue(exists(store, old), "a slow export still reads it");
        assertFalse(exists(store, other), "unpinned files go as before");

        pin.close();
        pin.close(); // closing twice changes nothing
        clock.advance(GRACE.minusSeconds(1));
        assertEquals(0, store.sweep(Set.of()));
        assertTrue(exists(store, old), "the grace period starts when the export ends");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(2, store.sweep(Set.of()));
        assertFalse(exists(store, old));
    }

    @Test
    void aFileBeingReadIsNotDisturbedByItsRemoval() throws Exception {
        PageStore store = store();
        byte[] body = utf8("<p>open while swept</p>".repeat(100));
        PageFiles files = store.putPage(body);
        Path file = ((Content.OnDisk) files.identity()).file();
        try (var in = Files.newInputStream(file)) {
            clock.advance(GRACE.multipliedBy(2));
            assertEquals(2, store.sweep(Set.of()));
            assertArrayEquals(body, in.readAllBytes());
        }
    }

    @Test
    void startsEmptyAndCloseRemovesTheFolder() throws Exception {
        Path dir = tmp.resolve("store");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("left-over"), "from an earlier process");
        PageStore store = new PageStore(dir, GRACE, clock);
        try (var list = Files.list(dir)) {
            assertEquals(0, list.count());
        }
        store.putPage(utf8("x"));
        store.close();
        assertFalse(Files.exists(dir));
    }

    @Test
    void removesOnlyTheFoldersOfGatewaysThatAreGone() throws Exception {
        Path base = tmp.resolve("gateway-pages");
        Path gone = Files.createDirectories(base.resolve("2147483646"));
        Files.writeString(gone.resolve("abc"), "x");
        Path mine = Files.createDirectories(base.resolve(Long.toString(ProcessHandle.current().pid())));
        Path other = Files.createDirectories(base.resolve("not-a-pid"));
        assertEquals(1, PageStore.removeStale(base));
        assertFalse(Files.exists(gone));
        assertTrue(Files.exists(mine));
        assertTrue(Files.exists(other));
    }

    private static boolean exists(PageStore store, PageFiles files) {
        return Files.exists(store.dir().resolve(files.identity().name()))
                && Files.exists(store.dir().resolve(files.gzip().name()));
    }
}
