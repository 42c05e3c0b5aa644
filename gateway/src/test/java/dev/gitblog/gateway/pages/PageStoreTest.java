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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        assertEquals(Integer.toString(onDisk.gzipBody().length), onDisk.gzipStored().length());
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
        assertEquals(first.identity().name(), body.name(), "a fragment body is named by its bytes, as a page is");
        assertArrayEquals(a, body.bytes());
        assertEquals(2, store.writes(), "bodies go to the body log, not to files of their own");

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
    void retiredFilesAreDueForASweepOnceTheirGracePeriodEndsUntilOneRuns() {
        PageStore store = store();
        assertFalse(store.retiredPastGrace(), "nothing retired yet");
        PageFiles old = store.putPage(utf8("<p>replaced by a rewritten history</p>"));
        clock.advance(GRACE.multipliedBy(3));
        assertFalse(store.retiredPastGrace(), "written long ago but never retired: a swap's sweep decides");

        store.retire(List.of(old.identity().name(), old.gzip().name()));
        store.sweep(Set.of()); // the swap's own sweep, within the grace period: keeps them
        assertTrue(exists(store, old));
        clock.advance(GRACE);
        assertFalse(store.retiredPastGrace(), "not before the grace period has passed");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(store.retiredPastGrace());
        assertTrue(store.retiredPastGrace(), "asking changes nothing");

        assertEquals(2, store.sweep(Set.of()));
        assertFalse(exists(store, old));
        assertFalse(store.retiredPastGrace(), "swept after the grace period: nothing left to do");
        clock.advance(GRACE.multipliedBy(10));
        assertFalse(store.retiredPastGrace(), "an idle store stays idle");

        PageFiles next = store.putPage(utf8("<p>the next one</p>"));
        store.retire(List.of(next.identity().name()));
        clock.advance(GRACE.plusSeconds(1));
        assertTrue(store.retiredPastGrace(), "a later retirement is due in turn");
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

    @Test
    void bodiesGoToOneLogAndFollowTheSweepsOfFiles() throws Exception {
        PageStore store = store();
        Content kept = store.putBytes(utf8("<p>the body of a live article</p>"));
        Content dropped = store.putBytes(utf8("<p>the body of a deleted article</p>"));
        Content again = store.putBytes(utf8("<p>the body of a live article</p>"));
        assertEquals(kept.name(), again.name());
        assertEquals(2, store.bodyCount(), "the same bytes are appended once");
        try (var list = Files.list(store.dir())) {
            assertEquals(1, list.count(), "one file for all bodies");
        }

        clock.advance(GRACE.minusSeconds(1));
        assertEquals(0, store.sweep(Set.of(kept.name())), "within the grace period nothing goes");
        assertArrayEquals(utf8("<p>the body of a deleted article</p>"), dropped.bytes());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(1, store.sweep(Set.of(kept.name())));
        assertEquals(1, store.bodyCount());
        assertArrayEquals(utf8("<p>the body of a live article</p>"), kept.bytes());
        IOException gone = assertThrows(java.io.UncheckedIOException.class, dropped::bytes).getCause();
        assertTrue(gone.getMessage().contains(dropped.name()), gone.getMessage());

        // a replaced snapshot's body stays for the grace period from its retirement, a pinned one until its pin closes
        Content exported = store.putBytes(utf8("<p>exported</p>"));
        PageStore.Pin pin = store.pin(Set.of(exported.name()));
        store.retire(List.of(kept.name(), exported.name()));
        clock.advance(GRACE.multipliedBy(2));
        assertEquals(1, store.sweep(Set.of()), "the retired body goes, the pinned one stays");
        assertArrayEquals(utf8("<p>exported</p>"), exported.bytes());
        pin.close();
        clock.advance(GRACE.multipliedBy(2));
        assertEquals(1, store.sweep(Set.of()));
        assertEquals(0, store.bodyCount());
    }

    @Test
    void theBodyLogIsRewrittenWithoutDroppedBodiesOnceTheyOutweighTheRest() throws Exception {
        PageStore store = store();
        byte[] filler = new byte[64 * 1024];
        List<Content> live = new java.util.ArrayList<>();
        List<Content> dead = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) { // 12.5 MB: more than BodyLog.MIN_GARBAGE_BYTES once most are dropped
            byte[] body = filler.clone();
            java.nio.ByteBuffer.wrap(body).putInt(i);
            (i % 4 == 0 ? live : dead).add(store.putBytes(body));
        }
        long before = store.bytesOnDisk();
        Set<String> liveNames = new HashSet<>();
        live.forEach(c -> liveNames.add(c.name()));

        clock.advance(GRACE.multipliedBy(2));
        assertEquals(150, store.sweep(liveNames));
        assertEquals(1, store.bodyLogCompactions());
        assertEquals(50L * filler.length, store.bytesOnDisk(), "only the live bodies are left, was " + before);
        for (int i = 0; i < live.size(); i++) {
            byte[] expected = filler.clone();
            java.nio.ByteBuffer.wrap(expected).putInt(i * 4);
            assertArrayEquals(expected, live.get(i).bytes(), "a body reads the same after the rewrite");
        }
        try (var list = Files.list(store.dir())) {
            assertEquals(1, list.count(), "the old log is removed");
        }
        // appends after the rewrite land behind the copied bodies
        Content late = store.putBytes(utf8("<p>after the rewrite</p>"));
        assertArrayEquals(utf8("<p>after the rewrite</p>"), late.bytes());
        assertArrayEquals(live.get(49).bytes(), live.get(49).bytes());
        assertEquals(0, store.sweep(liveNames), "the new body is within its grace period");
        assertEquals(1, store.bodyLogCompactions(), "too little garbage for another rewrite");
    }

    @Test
    void aLargeBuildAppendsThePagesBeyondItsFirstFilesToOnePack() throws Exception {
        PageStore store = new PageStore(tmp.resolve("store"), GRACE, clock, 4);
        List<byte[]> bodies = new java.util.ArrayList<>();
        List<PageFiles> stored = new java.util.ArrayList<>();
        try (var build = store.startBuild()) {
            assertThrows(IllegalStateException.class, store::startBuild, "one build at a time");
            for (int i = 0; i < 10; i++) {
                byte[] body = utf8(("<p>page " + i + "</p>").repeat(i + 1));
                bodies.add(body);
                stored.add(store.putPage(body));
            }
        }
        Set<String> onDisk = new HashSet<>();
        try (var list = Files.list(store.dir())) {
            list.forEach(f -> onDisk.add(f.getFileName().toString()));
        }
        assertEquals(5, onDisk.size(), "two pages and their variants as files, one pack: " + onDisk);
        assertTrue(onDisk.contains("pack-1"), onDisk.toString());
        Set<Long> offsets = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            Content.OnDisk identity = assertInstanceOf(Content.OnDisk.class, stored.get(i).identity());
            Content.OnDisk gzip = assertInstanceOf(Content.OnDisk.class, stored.get(i).gzip());
            assertArrayEquals(bodies.get(i), identity.bytes(), "page " + i);
            assertArrayEquals(bodies.get(i), gunzip(gzip.bytes()), "page " + i + ".gz");
            assertEquals(bodies.get(i).length, identity.length());
            if (i >= 2) {
                assertEquals(store.dir().resolve("pack-1"), identity.file());
                assertEquals(identity.file(), gzip.file());
                assertTrue(offsets.add(identity.offset()) && offsets.add(gzip.offset()), "a region of its own");
                assertEquals(0, identity.offset() % PageStore.PACK_ALIGNMENT, "starts at a memory page");
                assertEquals(0, gzip.offset() % PageStore.PACK_ALIGNMENT, "starts at a memory page");
            } else {
                assertEquals(0, identity.offset());
                assertEquals(identity.name(), identity.file().getFileName().toString());
            }
        }
        assertEquals(20, store.fileCount());
        assertEquals(20, store.writes());

        // the same bytes again, in a later build or none: the region already written, no write
        PageFiles again = store.putPage(bodies.get(7));
        assertEquals(stored.get(7).identity(), again.identity());
        assertEquals(stored.get(7).gzip(), again.gzip());
        assertEquals(20, store.writes());
        // a small build writes files, as before
        try (var build = store.startBuild()) {
            PageFiles small = store.putPage(utf8("<p>an edit</p>"));
            assertEquals(0, ((Content.OnDisk) small.identity()).offset());
        }

        // the pack stays while one of its pages is in use, and goes with the last
        Set<String> live = Set.of(stored.get(9).identity().name(), stored.get(9).gzip().name());
        clock.advance(GRACE.multipliedBy(2));
        List<String> deleted = new java.util.ArrayList<>();
        assertEquals(20, store.sweep(live, deleted::add), "every page and variant but two");
        assertFalse(deleted.contains("pack-1"));
        assertTrue(Files.exists(store.dir().resolve("pack-1")));
        assertArrayEquals(bodies.get(9), stored.get(9).identity().bytes());
        clock.advance(GRACE.multipliedBy(2));
        assertEquals(2, store.sweep(Set.of(), deleted::add));
        assertTrue(deleted.contains("pack-1"), "the open-files table is told the pack went: " + deleted);
        try (var list = Files.list(store.dir())) {
            assertEquals(0, list.count(), "no page, no pack");
        }
        assertEquals(0, store.bytesOnDisk());
    }

    @Test
    void aLargeBuildStoresTheGzipVariantsOfItsLaterPagesAfterItEnds() throws Exception {
        PageStore store = new PageStore(tmp.resolve("store"), GRACE, clock, 4, 3);
        List<byte[]> bodies = new java.util.ArrayList<>();
        List<PageFiles> stored = new java.util.ArrayList<>();
        List<Page> pages = new java.util.ArrayList<>();
        try (var build = store.startBuild()) {
            for (int i = 0; i < 8; i++) {
                byte[] body = utf8(("<p>page " + i + "</p>").repeat(i + 1));
                bodies.add(body);
                stored.add(store.putPage(body));
                pages.add(Page.of("text/html; charset=UTF-8", stored.get(i), T));
            }
            PageFiles twice = store.putPage(bodies.get(6));
            assertSame(stored.get(6).variant(), twice.variant(), "one variant to make for the same bytes");
            for (int i = 0; i < 8; i++) {
                assertEquals(i < 3, stored.get(i).gzip() != null, "page " + i + ": the first three with their variant");
            }
            assertNull(pages.get(5).gzipStored(), "a page without its variant yet goes out without gzip");
            store.awaitVariants();
            assertNull(stored.get(5).gzip(), "not while the build runs");
        }
        store.awaitVariants();
        Page copy = pages.get(7).withLastModified(T.plusSeconds(60));
        for (int i = 0; i < 8; i++) {
            Content.OnDisk gzip = assertInstanceOf(Content.OnDisk.class, stored.get(i).gzip(), "page " + i);
            assertEquals(stored.get(i).identity().name() + ".gz", gzip.name());
            assertArrayEquals(bodies.get(i), gunzip(gzip.bytes()), "page " + i + ".gz");
            assertSame(gzip, pages.get(i).gzip(), "the page made before has it too");
            assertEquals(Long.toString(gzip.length()), pages.get(i).gzipStored().length());
        }
        assertSame(stored.get(7).gzip(), copy.gzip(), "a copy of a page shares its variant");
        // the variants' own "build" writes its first filesPerBuild as files, the rest to a pack of its own
        assertEquals(0, ((Content.OnDisk) stored.get(3).gzip()).offset());
        Content.OnDisk last = (Content.OnDisk) stored.get(7).gzip();
        assertEquals(store.dir().resolve("pack-2"), last.file());
        assertEquals(16, store.fileCount());

        // they are swept like any page: kept while live, gone after their grace period when not
        Set<String> live = new HashSet<>();
        for (PageFiles f : stored) {
            live.add(f.identity().name());
            live.add(f.gzip().name());
        }
        clock.advance(GRACE.multipliedBy(2));
        assertEquals(0, store.sweep(live));
        assertArrayEquals(bodies.get(7), gunzip(last.bytes()));
        clock.advance(GRACE.multipliedBy(2));
        assertEquals(16, store.sweep(Set.of()));
        try (var list = Files.list(store.dir())) {
            assertEquals(0, list.count(), "no page, no pack");
        }
    }

    @Test
    void aPageStoredAgainBeforeItsVariantIsMadeGetsItOnce() throws Exception {
        PageStore store = new PageStore(tmp.resolve("store"), GRACE, clock, 256, 0);
        PageFiles first;
        try (var build = store.startBuild()) {
            first = store.putPage(utf8("<p>deferred</p>"));
            assertNull(first.gzip());
        }
        store.awaitVariants();
        PageFiles again;
        try (var build = store.startBuild()) {
            again = store.putPage(utf8("<p>deferred</p>"));
        }
        assertEquals(first.gzip(), again.gzip(), "already stored: no second variant");
        assertEquals(2, store.writes());
    }

    @Test
    void aPackWhosePagesWereSweptWhileItsBuildRanGoesWhenTheBuildEnds() throws Exception {
        PageStore store = new PageStore(tmp.resolve("store"), GRACE, clock, 0);
        Path pack;
        try (var build = store.startBuild()) {
            pack = ((Content.OnDisk) store.putPage(utf8("<p>packed</p>")).identity()).file();
            clock.advance(GRACE.multipliedBy(2));
            assertEquals(2, store.sweep(Set.of()));
            assertTrue(Files.exists(pack), "still being written");
        }
        assertFalse(Files.exists(pack), "empty and done: removed");
        assertEquals(0, store.bytesOnDisk());
    }

    private static boolean exists(PageStore store, PageFiles files) {
        return Files.exists(store.dir().resolve(files.identity().name()))
                && Files.exists(store.dir().resolve(files.gzip().name()));
    }
}
